import { useState } from 'react';
import { Button, Group, Stack, Text } from '@mantine/core';
import { IconMessagePlus, IconUsersGroup } from '@tabler/icons-react';
import { useMediaQuery } from '@mantine/hooks';
import { useInfiniteQuery } from '@tanstack/react-query';
import { useNavigate } from 'react-router';
import { useTranslation } from 'react-i18next';
import { EmptyState } from '../../ui/components/empty-state.tsx';
import { ErrorState } from '../../ui/components/error-state.tsx';
import { LoadingState } from '../../ui/components/loading-state.tsx';
import { PageHeader } from '../../ui/components/page-header.tsx';
import { formatNumber } from '../../ui/format.ts';
import { inboxQuery } from './api.ts';
import type { InboxParams } from './api.ts';
import { InboxCards } from './inbox-cards.tsx';
import { InboxFilters } from './inbox-filters.tsx';
import { InboxTable } from './inbox-table.tsx';
import { NewThreadModal } from './new-thread-modal.tsx';
import { useInboxParams } from './use-inbox-params.ts';

function isFiltered(params: InboxParams): boolean {
  return (
    params.filter !== 'all' ||
    params.providerId !== '' ||
    params.locationId !== '' ||
    params.q.trim() !== ''
  );
}

/** The practice-wide inbox: every thread, newest activity first, a page at a time. */
export function InboxPage() {
  const { t, i18n } = useTranslation();
  const navigate = useNavigate();
  const { params, update } = useInboxParams();
  const inbox = useInfiniteQuery(inboxQuery(params));
  const [composing, setComposing] = useState(false);
  const small = useMediaQuery('(max-width: 47.99em)', undefined, {
    getInitialValueInEffect: false,
  });
  const threads = inbox.data?.pages.flatMap((p) => p.items) ?? [];

  const actions = (
    <>
      <Button
        variant="default"
        leftSection={<IconUsersGroup size={18} aria-hidden="true" />}
        onClick={() => {
          void navigate('/practice/messages/bulk');
        }}
      >
        {t('consoleMessages.inbox.bulk')}
      </Button>
      <Button
        leftSection={<IconMessagePlus size={18} aria-hidden="true" />}
        onClick={() => {
          setComposing(true);
        }}
      >
        {t('consoleMessages.inbox.new')}
      </Button>
    </>
  );

  let body;
  if (inbox.isPending) body = <LoadingState label={t('consoleMessages.inbox.loading')} rows={8} />;
  else if (!inbox.data)
    body = (
      <ErrorState
        error={inbox.error}
        onRetry={() => {
          void inbox.refetch();
        }}
      />
    );
  else if (threads.length === 0)
    body = isFiltered(params) ? (
      <EmptyState
        title={t('consoleMessages.inbox.noMatchesTitle')}
        description={t('consoleMessages.inbox.noMatches')}
      />
    ) : (
      <EmptyState
        title={t('consoleMessages.inbox.emptyTitle')}
        description={t('consoleMessages.inbox.empty')}
      />
    );
  else
    body = (
      <Stack gap="sm" aria-busy={inbox.isFetching}>
        {small ? <InboxCards threads={threads} /> : <InboxTable threads={threads} />}
        <Group justify="space-between" gap="sm">
          <Text size="sm" c="dimmed" role="status">
            {t('consoleMessages.inbox.showing', {
              count: threads.length,
              n: formatNumber(threads.length, i18n.language),
            })}
          </Text>
          {inbox.hasNextPage ? (
            <Button
              variant="default"
              loading={inbox.isFetchingNextPage}
              onClick={() => {
                void inbox.fetchNextPage();
              }}
            >
              {t('consoleMessages.inbox.loadMore')}
            </Button>
          ) : null}
        </Group>
        {inbox.isFetchNextPageError ? <ErrorState error={inbox.error} /> : null}
      </Stack>
    );

  return (
    <>
      <PageHeader title={t('consoleMessages.inbox.title')} actions={actions} />
      <InboxFilters params={params} update={update} />
      {body}
      {composing ? (
        <NewThreadModal
          patient={null}
          onClose={() => {
            setComposing(false);
          }}
        />
      ) : null}
    </>
  );
}
