import { useState } from 'react';
import { Button, Group, Paper, Radio, Stack, Text } from '@mantine/core';
import { IconLockSquareRounded } from '@tabler/icons-react';
import { notificationChannels } from '@portico/contracts';
import type { NotificationChannel } from '@portico/contracts';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { ErrorState } from '../../ui/components/error-state.tsx';
import { FormErrorAlert } from '../../ui/components/form-error-alert.tsx';
import { LoadingState } from '../../ui/components/loading-state.tsx';
import { Notice } from '../../ui/components/notice.tsx';
import { PageHeader } from '../../ui/components/page-header.tsx';
import { notificationPreferencesQuery, useSaveNotificationPreferences } from './api.ts';

function isChannel(value: string): value is NotificationChannel {
  return notificationChannels.some((channel) => channel === value);
}

function ChannelForm({ saved }: { saved: NotificationChannel }) {
  const { t } = useTranslation();
  const save = useSaveNotificationPreferences();
  const [channel, setChannel] = useState<NotificationChannel>(saved);
  const [notice, setNotice] = useState('');
  return (
    <Paper withBorder p="md" radius="md">
      <form
        noValidate
        onSubmit={(event) => {
          event.preventDefault();
          setNotice('');
          save.mutate(channel, {
            onSuccess: (result) => {
              setNotice(
                t('portalMessages.notifications.saved', {
                  channel: t(`portalMessages.notifications.savedChannel.${result.channel}`),
                }),
              );
            },
          });
        }}
      >
        <Stack gap="md">
          <Radio.Group
            label={t('portalMessages.notifications.channel')}
            value={channel}
            onChange={(value) => {
              if (isChannel(value)) setChannel(value);
              setNotice('');
            }}
          >
            <Stack gap="sm" mt="xs">
              {notificationChannels.map((value) => (
                <Radio
                  key={value}
                  value={value}
                  label={t(`portalMessages.notifications.${value}`)}
                />
              ))}
            </Stack>
          </Radio.Group>
          {save.isError ? (
            <FormErrorAlert error={save.error} title={t('portalMessages.notifications.failed')} />
          ) : null}
          <Group justify="space-between" gap="sm" wrap="wrap-reverse">
            <Text size="sm" role="status" fw={notice ? 600 : undefined}>
              {notice}
            </Text>
            <Button type="submit" loading={save.isPending}>
              {t('portalMessages.notifications.save')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Paper>
  );
}

/** `/portal/notifications`: how the patient hears that a message is waiting (never what it says). */
export function NotificationSettingsPage() {
  const { t } = useTranslation();
  const preferences = useQuery(notificationPreferencesQuery);

  let body;
  if (preferences.isPending) body = <LoadingState rows={4} />;
  else if (preferences.isError)
    body = (
      <ErrorState
        error={preferences.error}
        onRetry={() => {
          void preferences.refetch();
        }}
      />
    );
  else body = <ChannelForm saved={preferences.data.channel} />;

  return (
    <>
      <PageHeader
        title={t('portalMessages.notifications.title')}
        description={t('portalMessages.notifications.description')}
      />
      <Stack gap="lg">
        <Notice
          tone="neutral"
          icon={<IconLockSquareRounded size={18} aria-hidden="true" />}
          title={t('portalMessages.notifications.privacyTitle')}
        >
          {t('portalMessages.notifications.privacyBody')}
        </Notice>
        {body}
      </Stack>
    </>
  );
}
