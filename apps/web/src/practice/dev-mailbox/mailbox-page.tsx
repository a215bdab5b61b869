import { Button, Stack } from '@mantine/core';
import { IconInfoCircle, IconRefresh } from '@tabler/icons-react';
import { useQuery } from '@tanstack/react-query';
import { useSearchParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { EmptyState } from '../../ui/components/empty-state.tsx';
import { ErrorState } from '../../ui/components/error-state.tsx';
import { LoadingState } from '../../ui/components/loading-state.tsx';
import { Notice } from '../../ui/components/notice.tsx';
import { PageHeader } from '../../ui/components/page-header.tsx';
import { PaginationBar } from '../../ui/components/pagination-bar.tsx';
import { useStaff } from '../session/staff-context.ts';
import { mailboxQuery } from './api.ts';
import { EmailCard, SmsBubble } from './message-cards.tsx';

export function MailboxPage() {
  const { t } = useTranslation();
  const me = useStaff();
  const [params, setParams] = useSearchParams();
  const page = Math.max(1, Number.parseInt(params.get('page') ?? '1', 10) || 1);
  const mailbox = useQuery(mailboxQuery(page));

  const refresh = (
    <Button
      variant="default"
      leftSection={<IconRefresh size={16} aria-hidden="true" />}
      loading={mailbox.isFetching && !mailbox.isPending}
      onClick={() => {
        void mailbox.refetch();
      }}
    >
      {t('mailbox.refresh')}
    </Button>
  );

  return (
    <>
      <PageHeader title={t('mailbox.title')} actions={refresh} />
      {mailbox.isPending ? (
        <LoadingState rows={6} />
      ) : mailbox.isError ? (
        <ErrorState
          error={mailbox.error}
          onRetry={() => {
            void mailbox.refetch();
          }}
        />
      ) : (
        <Stack gap="md">
          <Notice
            tone={mailbox.data.enabled ? 'warning' : 'neutral'}
            icon={<IconInfoCircle size={20} aria-hidden="true" />}
            title={mailbox.data.enabled ? t('mailbox.banner') : t('mailbox.off')}
            role="note"
          />
          {mailbox.data.items.length === 0 ? (
            <EmptyState title={t('mailbox.emptyTitle')} description={t('mailbox.empty')} />
          ) : (
            <Stack gap="sm" aria-busy={mailbox.isFetching}>
              {mailbox.data.items.map((m) =>
                m.channel === 'email' ? (
                  <EmailCard key={m.id} message={m} timeZone={me.practice.timeZone} />
                ) : (
                  <SmsBubble key={m.id} message={m} timeZone={me.practice.timeZone} />
                ),
              )}
              <PaginationBar
                label={t('mailbox.pagination')}
                page={mailbox.data.page}
                pageSize={mailbox.data.pageSize}
                total={mailbox.data.total}
                totalIsLowerBound={mailbox.data.totalIsLowerBound}
                count={mailbox.data.items.length}
                onPageChange={(next) => {
                  setParams(next === 1 ? {} : { page: String(next) });
                }}
              />
            </Stack>
          )}
        </Stack>
      )}
    </>
  );
}
