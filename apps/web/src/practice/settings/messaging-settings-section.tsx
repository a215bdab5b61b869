import { useState } from 'react';
import { Stack } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { ErrorState } from '../../ui/components/error-state.tsx';
import { LoadingState } from '../../ui/components/loading-state.tsx';
import { Notice } from '../../ui/components/notice.tsx';
import { MessagingSettingsForm } from '../messages/messaging-settings-form.tsx';
import { MessagingSettingsView } from '../messages/messaging-settings-view.tsx';
import { messagingSettingsQuery } from '../messages/settings-api.ts';
import { useIsAdmin } from '../session/staff-context.ts';
import { SettingsSection } from './settings-section.tsx';

/** Who may start threads, auto-close and the guideline banner (administrators edit). */
export function MessagingSettingsSection() {
  const { t } = useTranslation();
  const settings = useQuery(messagingSettingsQuery);
  const [saved, setSaved] = useState(false);
  const isAdmin = useIsAdmin();
  return (
    <SettingsSection id="messaging-settings-title" title={t('consoleMessages.settings.title')}>
      {settings.isPending ? (
        <LoadingState rows={4} />
      ) : settings.isError ? (
        <ErrorState error={settings.error} onRetry={() => void settings.refetch()} />
      ) : !isAdmin ? (
        <MessagingSettingsView settings={settings.data} />
      ) : (
        <Stack gap="sm">
          <div role="status">
            {saved ? <Notice tone="success">{t('consoleMessages.settings.saved')}</Notice> : null}
          </div>
          <MessagingSettingsForm
            key={settings.data.version}
            settings={settings.data}
            onReload={() => {
              setSaved(false);
              void settings.refetch();
            }}
            onSaved={() => {
              setSaved(true);
            }}
          />
        </Stack>
      )}
    </SettingsSection>
  );
}
