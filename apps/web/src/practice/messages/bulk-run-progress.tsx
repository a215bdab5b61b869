import { useEffect } from 'react';
import { List, Progress, Stack, Text } from '@mantine/core';
import type { BulkMessageRun } from '@portico/contracts';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { ErrorState } from '../../ui/components/error-state.tsx';
import { Notice } from '../../ui/components/notice.tsx';
import { formatNumber } from '../../ui/format.ts';
import { bulkRunQuery } from './bulk-api.ts';

function skippedTotal(run: BulkMessageRun): number {
  return run.skipped.reduce((sum, s) => sum + s.count, 0);
}

function Summary({ run }: { run: BulkMessageRun }) {
  const { t, i18n } = useTranslation();
  const n = (v: number) => formatNumber(v, i18n.language);
  const skipped = run.skipped.filter((s) => s.count > 0);
  return (
    <Stack gap={4}>
      <Text size="sm">
        {t('consoleMessages.bulk.sentCount', { count: run.sent, n: n(run.sent) })}
      </Text>
      {skipped.length === 0 ? (
        <Text size="sm">{t('consoleMessages.bulk.noneSkipped')}</Text>
      ) : (
        <>
          <Text size="sm">
            {t('consoleMessages.bulk.skippedCount', {
              count: skippedTotal(run),
              n: n(skippedTotal(run)),
            })}
          </Text>
          <List size="sm" withPadding>
            {skipped.map((s) => (
              <List.Item key={s.reason}>
                {t(`consoleMessages.bulk.reason.${s.reason}`, { count: s.count, n: n(s.count) })}
              </List.Item>
            ))}
          </List>
        </>
      )}
    </Stack>
  );
}

/** The run's progress bar while it works, then what was sent and what was skipped and why. */
export function BulkRunProgress({ runId }: { runId: string }) {
  const { t, i18n } = useTranslation();
  const queryClient = useQueryClient();
  const query = useQuery(bulkRunQuery(runId));
  const status = query.data?.status;

  useEffect(() => {
    if (status === 'done' || status === 'failed')
      void queryClient.invalidateQueries({ queryKey: ['messages', 'inbox'] });
  }, [status, queryClient]);

  if (query.isError)
    return (
      <ErrorState
        error={query.error}
        onRetry={() => {
          void query.refetch();
        }}
      />
    );
  const run = query.data;
  const n = (v: number) => formatNumber(v, i18n.language);
  const processed = run ? run.sent + skippedTotal(run) : 0;
  const percent = run && run.total > 0 ? Math.round((processed / run.total) * 100) : 0;
  return (
    <Stack gap="sm">
      {run && (run.status === 'queued' || run.status === 'running') ? (
        <Progress
          value={percent}
          size="lg"
          animated
          aria-label={t('consoleMessages.bulk.progressLabel')}
        />
      ) : null}
      <div role="status" aria-live="polite">
        {!run ? (
          <Text size="sm">{t('common.loading')}</Text>
        ) : run.status === 'queued' ? (
          <Text size="sm">{t('consoleMessages.bulk.queued')}</Text>
        ) : run.status === 'running' ? (
          <Text size="sm">
            {t('consoleMessages.bulk.running', { done: n(processed), total: n(run.total) })}
          </Text>
        ) : run.status === 'done' ? (
          <Notice tone="success" title={t('consoleMessages.bulk.doneTitle')}>
            <Summary run={run} />
          </Notice>
        ) : (
          <Notice tone="warning" title={t('consoleMessages.bulk.failedTitle')}>
            <Summary run={run} />
          </Notice>
        )}
      </div>
    </Stack>
  );
}
