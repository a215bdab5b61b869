import { useEffect, useRef } from 'react';
import { Paper, Stack, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { RecoveryCodesPanel } from '../../ui/components/recovery-codes-panel.tsx';
import { recoveryCodesFile } from './rules.ts';
import { useFormatInstant } from './use-format-instant.ts';

/**
 * The 10 recovery codes, shown once: copy, download as .txt, and confirm they are saved before
 * going on. Focus moves to the heading so the change is read out.
 */
export function RecoveryCodesDisplay({ codes, onDone }: { codes: string[]; onDone: () => void }) {
  const { t } = useTranslation();
  const formatInstant = useFormatInstant();
  const heading = useRef<HTMLHeadingElement>(null);

  useEffect(() => {
    heading.current?.focus();
  }, []);

  return (
    <Paper withBorder p="md" radius="md" bg="yellow.0">
      <Stack gap="sm">
        <Title order={3} size="h4" ref={heading} tabIndex={-1}>
          {t('portalAccount.recovery.shownHeading')}
        </Title>
        <Text size="sm">{t('portalAccount.recovery.shownIntro')}</Text>
        <RecoveryCodesPanel
          codes={codes}
          text={(key) => t(`portalAccount.recovery.${key}`)}
          fileName="recovery-codes.txt"
          fileText={() =>
            recoveryCodesFile(codes, {
              title: t('portalAccount.recovery.fileTitle'),
              created: t('portalAccount.recovery.fileCreated', {
                date: formatInstant(new Date().toISOString()),
              }),
              help: t('portalAccount.recovery.fileHelp'),
            })
          }
          onDone={onDone}
        />
      </Stack>
    </Paper>
  );
}
