import { useEffect, useRef, useState } from 'react';
import { Paper, Stack, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { useLocation } from 'react-router';
import { Notice } from '../../ui/components/notice.tsx';
import type { PortalSignedOutState } from '../session/paths.ts';
import { usePageTitle } from '../../ui/use-page-title.ts';
import classes from '../registration/registration.module.css';
import { EmailStep } from './email-step.tsx';
import { PasskeyButton } from './passkey-button.tsx';
import { PasswordStep } from './password-step.tsx';
import type { MfaChallenge } from './password-step.tsx';
import { SecondFactorStep } from './second-factor-step.tsx';

/** Email first, then password (or a passkey), then the second factor when the account has one. */
export function SignInCard({ practiceName }: { practiceName?: string }) {
  const { t } = useTranslation();
  const [email, setEmail] = useState<string | null>(null);
  const [returned, setReturned] = useState(false);
  const [mfa, setMfa] = useState<MfaChallenge | null>(null);
  const headingRef = useRef<HTMLHeadingElement>(null);
  const signedOut = (useLocation().state as Partial<PortalSignedOutState> | null)?.signedOut;
  const signInTitle = practiceName
    ? t('portal.signIn.titleAt', { name: practiceName })
    : t('portal.signIn.title');
  const title = mfa ? t('portal.mfa.title') : signInTitle;
  usePageTitle(title);

  // The second factor is a new screen: announce it by moving focus to its heading.
  useEffect(() => {
    if (mfa) headingRef.current?.focus();
  }, [mfa]);

  const restart = () => {
    setMfa(null);
    setReturned(true);
    setEmail(null);
  };

  let body;
  if (mfa) {
    body = (
      <>
        <Text size="md">{t('portal.mfa.intro')}</Text>
        <SecondFactorStep challenge={mfa} onCancel={restart} />
      </>
    );
  } else if (email === null) {
    body = (
      <>
        <Text size="md">{t('portal.signIn.intro')}</Text>
        <EmailStep initial="" focusOnMount={returned} onContinue={setEmail} />
        <PasskeyButton />
      </>
    );
  } else {
    body = (
      <>
        <Text size="md">{t('portal.signIn.introPassword')}</Text>
        <PasswordStep email={email} onChangeEmail={restart} onMfaRequired={setMfa} />
        <PasskeyButton />
      </>
    );
  }

  return (
    <Stack gap="lg">
      <Paper withBorder shadow="xs" radius="lg" p={{ base: 'md', sm: 'xl' }}>
        <Stack gap="md">
          <Title ref={headingRef} order={1} size="h2" tabIndex={-1} className={classes.focusTarget}>
            {title}
          </Title>
          {signedOut && !mfa ? (
            <Notice tone="neutral" role="status">
              {t(`portal.signedOut.${signedOut}`)}
            </Notice>
          ) : null}
          {body}
        </Stack>
      </Paper>
      {mfa ? null : (
        <Stack gap={4} px="xs">
          <Title order={2} size="h4">
            {t('portal.signIn.newHereTitle')}
          </Title>
          <Text size="md">{t('portal.signIn.newHere')}</Text>
        </Stack>
      )}
    </Stack>
  );
}
