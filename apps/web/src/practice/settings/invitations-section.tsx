import { Anchor, Text } from '@mantine/core';
import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import { useMayOpen } from '../shell/require-role.tsx';
import { SettingsSection } from './settings-section.tsx';

/** Administrators only: a way to the invitation templates. */
export function InvitationsSection() {
  const { t } = useTranslation();
  if (!useMayOpen('admin')) return null;
  return (
    <SettingsSection
      id="invitations-settings-title"
      title={t('invitations.templates.settingsTitle')}
    >
      <Text size="sm" mb="xs">
        {t('invitations.templates.settingsHint')}
      </Text>
      <Anchor component={Link} to="/practice/settings/invitation-templates" size="sm">
        {t('invitations.templates.settingsLink')}
      </Anchor>
    </SettingsSection>
  );
}
