import { Stack } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { PageHeader } from '../../ui/components/page-header.tsx';
import { InvitationsSection } from './invitations-section.tsx';
import { LocationsSection } from './locations-section.tsx';
import { MessagingSettingsSection } from './messaging-settings-section.tsx';
import { PracticeProfile } from './practice-profile.tsx';
import { ProvidersSection } from './providers-section.tsx';

export function SettingsPage() {
  const { t } = useTranslation();
  return (
    <>
      <PageHeader title={t('settings.title')} />
      <Stack gap="lg">
        <PracticeProfile />
        <ProvidersSection />
        <LocationsSection />
        <InvitationsSection />
        <MessagingSettingsSection />
      </Stack>
    </>
  );
}
