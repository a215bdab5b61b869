import { useEffect, useRef } from 'react';
import { Button, Card, Stack, Text, Title } from '@mantine/core';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { ErrorState } from '../../ui/components/error-state.tsx';
import { importQuery } from './api.ts';
import { ImportOutcome } from './import-outcome.tsx';
import { ImportPreviewView } from './import-preview-view.tsx';

interface ImportViewProps {
  id: string;
  onStartOver: () => void;
}

/** Everything after the upload, driven by the import's status (and so safe to reload). */
export function ImportView({ id, onStartOver }: ImportViewProps) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const query = useQuery(importQuery(id));
  const titleRef = useRef<HTMLHeadingElement>(null);
  const status = query.data?.status;
  const previous = useRef(status);

  // When the preview gives way to progress (or progress to the result), the button the user
  // pressed disappears: put focus on the section title so keyboard users are not lost.
  useEffect(() => {
    if (previous.current !== undefined && previous.current !== status) {
      titleRef.current?.focus();
      void queryClient.invalidateQueries({ queryKey: ['imports', 'list'] });
    }
    previous.current = status;
  }, [status, queryClient]);

  if (query.isError) {
    return (
      <Stack gap="sm" align="flex-start">
        <ErrorState
          error={query.error}
          onRetry={() => {
            void query.refetch();
          }}
        />
        <Button variant="default" onClick={onStartOver}>
          {t('imports.progress.another')}
        </Button>
      </Stack>
    );
  }
  if (query.data?.status === 'previewed') {
    return <ImportPreviewView preview={query.data} onCancelled={onStartOver} />;
  }
  return (
    <Card withBorder padding="lg" radius="md" component="section" aria-labelledby="import-title">
      <Stack gap="md">
        <Title order={2} size="h3" id="import-title" ref={titleRef} tabIndex={-1}>
          {!query.data
            ? t('imports.progress.titleLoading')
            : query.data.status === 'importing'
              ? t('imports.progress.title', { fileName: query.data.fileName })
              : t('imports.progress.titleDone', { fileName: query.data.fileName })}
        </Title>
        {/* One live region for progress and the result, so screen readers hear both. */}
        <div role="status" aria-live="polite">
          {query.data ? (
            <ImportOutcome summary={query.data} onStartOver={onStartOver} />
          ) : (
            <Text size="sm">{t('common.loading')}</Text>
          )}
        </div>
      </Stack>
    </Card>
  );
}
