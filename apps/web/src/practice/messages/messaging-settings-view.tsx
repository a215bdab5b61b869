import { Stack, Text } from '@mantine/core';
import type { MessagingSettings } from '@portico/contracts';
import { useTranslation } from 'react-i18next';
import { DetailList } from '../../ui/components/detail-list.tsx';

/** The messaging settings as plain text, for staff who may not change them. */
export function MessagingSettingsView({ settings }: { settings: MessagingSettings }) {
  const { t } = useTranslation();
  return (
    <Stack gap="sm">
      <Text size="sm" c="dimmed">
        {t('consoleMessages.settings.readOnly')}
      </Text>
      <DetailList
        cols={1}
        items={[
          {
            label: t('consoleMessages.settings.policyLabel'),
            value: (
              <>
                {t(`consoleMessages.settings.policy.${settings.policy}.label`)}
                {' — '}
                {t(`consoleMessages.settings.policy.${settings.policy}.description`)}
              </>
            ),
          },
          {
            label: t('consoleMessages.settings.autoCloseLabel'),
            value:
              settings.autoCloseHours === 0
                ? t('consoleMessages.settings.autoCloseNever')
                : t('consoleMessages.settings.autoCloseHours', { count: settings.autoCloseHours }),
          },
          {
            label: t('consoleMessages.settings.bannerLabel'),
            value: settings.guidelineBanner || t('consoleMessages.settings.bannerNone'),
          },
        ]}
      />
    </Stack>
  );
}
