import { Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { formatDateTime } from '../../ui/format.ts';
import { RecoveryCodesPanel } from '../../ui/components/recovery-codes-panel.tsx';
import { recoveryCodesFile } from '../../portal/account/rules.ts';
import { PracticeAuthLayout } from './auth-layout.tsx';
import { FocusedTitle } from './focused-title.tsx';

/**
 * Right after the first factor is set up: the 10 recovery codes, shown once. Copy, download as
 * .txt, and confirm they are saved before going on into the console.
 */
export function RecoveryCodesScreen({ codes, onDone }: { codes: string[]; onDone: () => void }) {
  const { t, i18n } = useTranslation();

  const fileText = () => {
    const created = formatDateTime(
      new Date().toISOString(),
      Intl.DateTimeFormat().resolvedOptions().timeZone,
      i18n.language,
    );
    return recoveryCodesFile(codes, {
      title: t('practiceAuth.mfa.recovery.fileTitle'),
      created: t('practiceAuth.mfa.recovery.fileCreated', { date: created }),
      help: t('practiceAuth.mfa.recovery.fileHelp'),
    });
  };

  return (
    <PracticeAuthLayout>
      <Stack gap="md">
        <FocusedTitle title={t('practiceAuth.mfa.recovery.title')} />
        <Text size="sm">{t('practiceAuth.mfa.recovery.intro')}</Text>
        <RecoveryCodesPanel
          codes={codes}
          text={(key) => t(`practiceAuth.mfa.recovery.${key}`)}
          fileName="portico-console-recovery-codes.txt"
          fileText={fileText}
          onDone={onDone}
          boxedList
          fullWidthContinue
        />
      </Stack>
    </PracticeAuthLayout>
  );
}
