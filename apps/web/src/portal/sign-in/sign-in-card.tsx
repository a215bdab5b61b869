import { useState } from 'react';
import { Paper, Stack, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { usePageTitle } from '../../ui/use-page-title.ts';
import { EmailStep } from './email-step.tsx';
import { PasswordStep } from './password-step.tsx';

/** Email first, then password: the same two steps for every account type. */
export function SignInCard({ practiceName }: { practiceName?: string }) {
  const { t } = useTranslation();
  const [email, setEmail] = useState<string | null>(null);
  const [returned, setReturned] = useState(false);
  const title = practiceName
    ? t('portal.signIn.titleAt', { name: practiceName })
    : t('portal.signIn.title');
  usePageTitle(title);

  return (
    <Stack gap="lg">
      <Paper withBorder shadow="xs" radius="lg" p={{ base: 'md', sm: 'xl' }}>
        <Stack gap="md">
          <Title order={1} size="h2">
            {title}
          </Title>
          <Text size="md">
            {email === null ? t('portal.signIn.intro') : t('portal.signIn.introPassword')}
          </Text>
          {email === null ? (
            <EmailStep initial="" focusOnMount={returned} onContinue={setEmail} />
          ) : (
            <PasswordStep
              email={email}
              onChangeEmail={() => {
                setReturned(true);
                setEmail(null);
              }}
            />
          )}
        </Stack>
      </Paper>
      <Stack gap={4} px="xs">
        <Title order={2} size="h4">
          {t('portal.signIn.newHereTitle')}
        </Title>
        <Text size="md">{t('portal.signIn.newHere')}</Text>
      </Stack>
    </Stack>
  );
}
