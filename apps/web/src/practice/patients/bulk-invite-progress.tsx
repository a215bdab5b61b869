import { useEffect } from 'react';
import { Progress, Stack, Text } from '@mantine/core';
import { bulkSkipReason, type BulkInvitationRun } from '@portico/contracts';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { ErrorState } from '../../ui/components/error-state.tsx';
import { Notice } from '../../ui/components/notice.tsx';
import { formatNumber } from '../../ui/format.ts';
import { bulkInvitationQuery } from './bulk-invitations-api.ts';

/** "Sent 12 · Skipped 3: 1 under 13, 1 no email or phone, 1 sent recently". */
function useSummary() {
  const { t, i18n } = useTranslation();
  const n = (v: number) => formatNumber(v, i18n.language);
  return (run: BulkInvitationRun) => {
    const sent = t('invitations.bulk.sent', { n: n(run.sent) });
    const reasons = bulkSkipReason.options
      .filter((reason) => run.skipped[reason] > 0)
      .map((reason) => t(`invitations.bulk.reason.${reason}`, { n: n(run.skipped[reason]) }));
    const skippedTotal = bulkSkipReason.options.reduce((sum, r) => sum + run.skipped[r], 0);
    if (skippedTotal === 0) return sent;
    const skipped = t('invitations.bulk.skipped', {
      n: n(skippedTotal),
      reasons: reasons.join(t('invitations.bulk.reasonSeparator')),
    });
    return `${sent}${t('invitations.bulk.separator')}${skipped}`;
  };
}

/** The progress of a bulk invitation run, then its summary (one live region for both). */
export function BulkInviteProgress({ runId }: { runId: string }) {
  const { t, i18n } = useTranslation();
  const queryClient = useQueryClient();
  const query = useQuery(bulkInvitationQuery(runId));
  const summary = useSummary();
  const status = query.data?.status;

  useEffect(() => {
    if (status === 'completed' || status === 'failed')
      void queryClient.invalidateQueries({ queryKey: ['patients'] });
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
  const percent = run && run.total > 0 ? Math.round((run.processed / run.total) * 100) : 0;
  return (
    <Stack gap="sm">
      {run && (run.status === 'queued' || run.status === 'running') ? (
        <Progress value={percent} size="lg" animated aria-label={t('invitations.bulk.progress')} />
      ) : null}
      <div role="status" aria-live="polite">
        {!run ? (
          <Text size="sm">{t('common.loading')}</Text>
        ) : run.status === 'queued' ? (
          <Text size="sm">{t('invitations.bulk.queued')}</Text>
        ) : run.status === 'running' ? (
          <Text size="sm">
            {t('invitations.bulk.running', { done: n(run.processed), total: n(run.total) })}
          </Text>
        ) : run.status === 'completed' ? (
          <Stack gap="xs">
            <Text size="sm" fw={600}>
              {t('invitations.bulk.done')}
            </Text>
            <Text size="sm">{summary(run)}</Text>
            {run.capped ? (
              <Text size="sm">{t('invitations.bulk.capped', { n: n(run.total) })}</Text>
            ) : null}
          </Stack>
        ) : (
          <Notice tone="warning" title={t('invitations.bulk.failedTitle')}>
            {t('invitations.bulk.failed', { summary: summary(run) })}
          </Notice>
        )}
      </div>
    </Stack>
  );
}
