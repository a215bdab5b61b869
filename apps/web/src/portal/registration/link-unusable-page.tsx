import { Anchor, Stack, Text } from '@mantine/core';
import type { LinkUnusableReason } from '@portico/contracts';
import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import { PortalCardPage } from '../sign-in/portal-card-page.tsx';

/**
 * An invitation link that cannot be used, explained plainly for each reason. Portico-branded and
 * free of anything about the patient or the practice: the link holder may not be the patient.
 */
export function LinkUnusablePage({ reason }: { reason: LinkUnusableReason }) {
  const { t } = useTranslation();
  const text = t(`registration.unusable.reasons.${reason}`, { returnObjects: true });
  return (
    <PortalCardPage title={text.title} focus={false}>
      <Stack gap="md">
        <Text size="md">{text.body}</Text>
        <Text size="md">{t('registration.unusable.howToGetNew')}</Text>
        {reason === 'used' ? (
          <Anchor component={Link} to="/portal" size="md" fw={600}>
            {t('registration.unusable.signIn')}
          </Anchor>
        ) : (
          <Anchor component={Link} to="/portal" size="md">
            {t('registration.unusable.portal')}
          </Anchor>
        )}
      </Stack>
    </PortalCardPage>
  );
}
