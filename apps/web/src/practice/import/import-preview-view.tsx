import { Button, Card, Group, Stack, Title } from '@mantine/core';
import { IconAlertTriangle } from '@tabler/icons-react';
import type { ImportPreview } from '@portico/contracts';
import { useTranslation } from 'react-i18next';
import { Notice } from '../../ui/components/notice.tsx';
import { FormErrorAlert } from '../../ui/components/form-error-alert.tsx';
import { formatNumber } from '../../ui/format.ts';
import { useCancelImport, useCommitImport } from './api.ts';
import { ImportCounts } from './import-counts.tsx';
import { ErrorsTable, SampleTable } from './import-preview-tables.tsx';

interface PreviewProps {
  preview: ImportPreview;
  /** Committing needs no callback: the import's status changes and the page follows it. */
  onCancelled: () => void;
}

/** What the file contains and what will happen; the user decides whether to import. */
export function ImportPreviewView({ preview, onCancelled }: PreviewProps) {
  const { t, i18n } = useTranslation();
  const commit = useCommitImport();
  const cancel = useCancelImport();
  const failed = commit.error ?? cancel.error;

  return (
    <Card
      withBorder
      padding="lg"
      radius="md"
      component="section"
      aria-labelledby="import-preview-title"
    >
      <Stack gap="md">
        <Title order={2} size="h3" id="import-preview-title">
          {t('imports.preview.title', { fileName: preview.fileName })}
        </Title>
        <ImportCounts {...preview} />
        {preview.ignoredColumns.length > 0 ? (
          <Notice
            tone="warning"
            role="status"
            title={t('imports.preview.ignoredTitle')}
            icon={<IconAlertTriangle size={20} aria-hidden="true" />}
          >
            {t('imports.preview.ignored', { columns: preview.ignoredColumns.join(', ') })}
          </Notice>
        ) : null}
        {failed ? <FormErrorAlert error={failed} /> : null}
        <Group gap="sm">
          <Button
            disabled={preview.validRows === 0}
            loading={commit.isPending}
            onClick={() => {
              commit.mutate(preview.id);
            }}
          >
            {t('imports.preview.commit', {
              count: preview.validRows,
              formatted: formatNumber(preview.validRows, i18n.language),
            })}
          </Button>
          <Button
            variant="default"
            loading={cancel.isPending}
            disabled={commit.isPending}
            onClick={() => {
              // The cached status changes first (unmounting this view), so continue from the
              // promise rather than a per-call callback, which would not run after unmount.
              void cancel.mutateAsync(preview.id).then(onCancelled, () => undefined);
            }}
          >
            {t('common.actions.cancel')}
          </Button>
        </Group>
        <SampleTable sample={preview.sample} />
        <ErrorsTable preview={preview} />
      </Stack>
    </Card>
  );
}
