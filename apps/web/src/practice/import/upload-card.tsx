import { useId, useRef } from 'react';
import { Anchor, Card, Group, Input, Loader, Stack, Text, Title } from '@mantine/core';
import { IconDownload } from '@tabler/icons-react';
import type { ImportPreview } from '@portico/contracts';
import { useTranslation } from 'react-i18next';
import { FormErrorAlert } from '../../ui/components/form-error-alert.tsx';
import { useUploadImport } from './api.ts';
import { templateCsvHref, templateFileName } from './template-csv.ts';
import classes from './import.module.css';

/** Choose a CSV: it is checked at once and a preview is shown; nothing is imported yet. */
export function UploadCard({ onPreview }: { onPreview: (preview: ImportPreview) => void }) {
  const { t } = useTranslation();
  const upload = useUploadImport();
  const inputRef = useRef<HTMLInputElement>(null);
  const id = useId();
  const descriptionId = `${id}-description`;

  const onFile = (file: File | undefined) => {
    if (!file) return;
    upload.mutate(file, {
      onSuccess: onPreview,
      onSettled: () => {
        if (inputRef.current) inputRef.current.value = '';
      },
    });
  };

  return (
    <Card withBorder padding="lg" radius="md" component="section" aria-labelledby={`${id}-title`}>
      <Stack gap="md">
        <Title order={2} size="h3" id={`${id}-title`}>
          {t('imports.upload.title')}
        </Title>
        <Input.Wrapper
          label={t('imports.upload.fileLabel')}
          description={t('imports.upload.fileHint')}
          id={id}
          labelProps={{ htmlFor: id }}
          descriptionProps={{ id: descriptionId }}
        >
          <input
            ref={inputRef}
            id={id}
            className={classes.fileInput}
            type="file"
            accept=".csv,text/csv"
            aria-describedby={descriptionId}
            disabled={upload.isPending}
            onChange={(e) => {
              onFile(e.currentTarget.files?.[0]);
            }}
          />
        </Input.Wrapper>
        <div role="status" aria-live="polite">
          {upload.isPending ? (
            <Group gap="xs">
              <Loader size="xs" aria-hidden="true" />
              <Text size="sm">{t('imports.upload.checking')}</Text>
            </Group>
          ) : null}
        </div>
        {upload.isError ? (
          <FormErrorAlert error={upload.error} title={t('imports.upload.failed')} />
        ) : null}
        <Group gap="xs">
          <IconDownload size={16} aria-hidden="true" />
          <Anchor href={templateCsvHref()} download={templateFileName} size="sm">
            {t('imports.upload.template')}
          </Anchor>
        </Group>
        <Text size="sm" c="dimmed">
          {t('imports.upload.columnsHint')}
        </Text>
      </Stack>
    </Card>
  );
}
