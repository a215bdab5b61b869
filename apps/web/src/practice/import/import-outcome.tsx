import { Button, Group, Progress, Stack, Text } from '@mantine/core';
import { IconCircleCheck } from '@tabler/icons-react';
import type { ImportSummary } from '@portico/contracts';
import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import { FormErrorAlert } from '../../ui/components/form-error-alert.tsx';
import { Notice } from '../../ui/components/notice.tsx';
import { formatNumber } from '../../ui/format.ts';
import { useCancelImport } from './api.ts';

interface OutcomeProps {
  summary: ImportSummary;
  onStartOver: () => void;
}

/** A running import's progress bar, or the result once it has finished. */
export function ImportOutcome({ summary, onStartOver }: OutcomeProps) {
  const { t, i18n } = useTranslation();
  const stop = useCancelImport();
  const n = (v: number) => formatNumber(v, i18n.language);
  const done = summary.importedRows + summary.skippedRows;
  const percent = summary.validRows > 0 ? Math.round((done / summary.validRows) * 100) : 100;
  const patients = t('imports.progress.patients', {
    count: summary.importedRows,
    formatted: n(summary.importedRows),
  });
  /** Rows with errors in the file plus rows skipped while importing (e.g. duplicates). */
  const notImported = summary.invalidRows + summary.skippedRows;
  const again = (
    <Button variant="default" onClick={onStartOver}>
      {t('imports.progress.another')}
    </Button>
  );

  switch (summary.status) {
    case 'previewed':
    case 'importing':
      return (
        <Stack gap="sm">
          <Progress value={percent} size="lg" animated aria-label={t('imports.progress.label')} />
          <Text size="sm">
            {t('imports.progress.running', { done: n(done), total: n(summary.validRows) })}
          </Text>
          {stop.isError ? <FormErrorAlert error={stop.error} /> : null}
          <Group>
            <Button
              variant="default"
              loading={stop.isPending}
              onClick={() => {
                stop.mutate(summary.id);
              }}
            >
              {t('imports.progress.stop')}
            </Button>
          </Group>
        </Stack>
      );
    case 'completed':
      return (
        <Stack gap="md" align="flex-start">
          <Notice
            tone="success"
            title={t('imports.progress.completedTitle')}
            icon={<IconCircleCheck size={20} aria-hidden="true" />}
          >
            {notImported === 0
              ? t('imports.progress.importedOnly', { patients })
              : t('imports.progress.importedAndSkipped', {
                  patients,
                  rows: t('imports.progress.rows', {
                    count: notImported,
                    formatted: n(notImported),
                  }),
                })}
          </Notice>
          <Group gap="sm">
            <Button component={Link} to="/practice/patients">
              {t('imports.progress.toPatients')}
            </Button>
            {again}
          </Group>
        </Stack>
      );
    case 'failed':
    case 'cancelled':
      return (
        <Stack gap="md" align="flex-start">
          <Notice tone={summary.status === 'failed' ? 'warning' : 'neutral'}>
            {t(`imports.progress.${summary.status}`, { patients })}
          </Notice>
          {again}
        </Stack>
      );
  }
}
