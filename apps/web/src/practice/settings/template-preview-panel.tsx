import { Paper, Stack, Text, Title } from '@mantine/core';
import type { TemplatePreview } from '@portico/contracts';
import type { UseQueryResult } from '@tanstack/react-query';
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import { errorText } from '../../ui/error-text.ts';
import classes from '../../ui/components/message-preview.module.css';

interface PanelProps {
  preview: UseQueryResult<TemplatePreview>;
  /** False while the draft lacks a name or body. */
  ready: boolean;
}

/** "132 characters · 1 SMS", counted by the server after variables are filled in. */
export function smsCounterText(data: TemplatePreview | undefined, t: TFunction): string | null {
  if (!data || data.segments === null) return null;
  return t('invitations.templates.counter', {
    characters: data.characters,
    segments: data.segments,
  });
}

/** The draft rendered with sample values (debounced by the caller). */
export function TemplatePreviewPanel({ preview, ready }: PanelProps) {
  const { t } = useTranslation();
  let body;
  if (!ready) {
    body = (
      <Text size="sm" c="dimmed">
        {t('invitations.templates.previewWaiting')}
      </Text>
    );
  } else if (preview.isError) {
    body = (
      <Text size="sm">
        {t('invitations.templates.previewProblem', { message: errorText(preview.error, t) })}
      </Text>
    );
  } else if (preview.isPending) {
    body = (
      <Text size="sm" c="dimmed">
        {t('invitations.templates.previewLoading')}
      </Text>
    );
  } else {
    const data = preview.data;
    const counter = smsCounterText(data, t);
    body = (
      <Stack gap="xs" aria-busy={preview.isFetching}>
        {data.subject !== null ? (
          <Text size="sm">
            <Text component="span" fw={600} size="sm">
              {t('invitations.templates.subject')}:
            </Text>{' '}
            {data.subject}
          </Text>
        ) : null}
        {counter === null ? (
          <p className={classes.body}>{data.text}</p>
        ) : (
          <>
            <Paper className={classes.bubble} radius="lg" p="sm">
              {data.text}
            </Paper>
            <Text size="sm" fw={600}>
              {counter}
            </Text>
          </>
        )}
      </Stack>
    );
  }
  return (
    <Stack gap="xs" component="section" aria-labelledby="template-preview-title">
      <div>
        <Title order={3} size="h4" id="template-preview-title">
          {t('invitations.templates.preview')}
        </Title>
        <Text size="xs" c="dimmed">
          {t('invitations.templates.previewHint')}
        </Text>
      </div>
      {body}
    </Stack>
  );
}
