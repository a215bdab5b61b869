import { useRef } from 'react';
import { Button, Group, Stack, Text, Title } from '@mantine/core';
import { IconMessages, IconPencilPlus } from '@tabler/icons-react';
import { useInfiniteQuery, useQuery } from '@tanstack/react-query';
import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import { EmptyState } from '../../ui/components/empty-state.tsx';
import { ErrorState } from '../../ui/components/error-state.tsx';
import { FormErrorAlert } from '../../ui/components/form-error-alert.tsx';
import { LoadingState } from '../../ui/components/loading-state.tsx';
import { PageHeader } from '../../ui/components/page-header.tsx';
import { composeOptionsQuery, threadsQuery } from './api.ts';
import { ThreadListItem } from './thread-list-item.tsx';
import classes from './messages.module.css';

/** "New message", only when the practice lets patients start conversations. */
function NewMessageButton({ allowed }: { allowed: boolean }) {
  const { t } = useTranslation();
  if (!allowed) return null;
  return (
    <Button
      component={Link}
      to="/portal/messages/new"
      leftSection={<IconPencilPlus size={18} aria-hidden="true" />}
    >
      {t('portalMessages.list.newMessage')}
    </Button>
  );
}

/** `/portal/messages`: the patient's conversations, newest first, with what is unread. */
export function MessagesPage() {
  const { t } = useTranslation();
  const threads = useInfiniteQuery(threadsQuery);
  const options = useQuery(composeOptionsQuery);
  const canStart = options.data?.allowed === true;
  const list = useRef<HTMLUListElement>(null);
  const loadMoreError: unknown = threads.isFetchNextPageError ? threads.error : null;
  const items = threads.data?.pages.flatMap((page) => page.items) ?? [];

  /** After "Load more", focus goes to the first conversation that arrived (the button may go). */
  const loadMore = () => {
    const shown = items.length;
    void threads.fetchNextPage().then(() => {
      list.current?.querySelectorAll('a')[shown]?.focus();
    });
  };

  let body;
  if (threads.isPending) body = <LoadingState rows={6} label={t('portalMessages.list.loading')} />;
  else if (threads.isError)
    body = (
      <ErrorState
        error={threads.error}
        onRetry={() => {
          void threads.refetch();
        }}
      />
    );
  else {
    body =
      items.length === 0 ? (
        <EmptyState
          icon={<IconMessages size={32} stroke={1.5} aria-hidden="true" />}
          title={t('portalMessages.list.emptyTitle')}
          description={
            canStart
              ? t('portalMessages.list.emptyBodyCanStart')
              : t('portalMessages.list.emptyBodyPractice')
          }
          action={<NewMessageButton allowed={canStart} />}
        />
      ) : (
        <Stack gap="md">
          <Title order={2} size="h4" id="threads-heading">
            {t('portalMessages.list.listLabel')}
          </Title>
          <ul ref={list} className={classes.threadList} aria-labelledby="threads-heading">
            {items.map((thread) => (
              <ThreadListItem key={thread.id} thread={thread} />
            ))}
          </ul>
          {loadMoreError ? (
            <FormErrorAlert error={loadMoreError} title={t('portalMessages.list.loadMoreFailed')} />
          ) : null}
          {threads.hasNextPage ? (
            <Group justify="center">
              <Button variant="default" loading={threads.isFetchingNextPage} onClick={loadMore}>
                {t('portalMessages.list.loadMore')}
              </Button>
            </Group>
          ) : items.length > 10 ? (
            <Text size="sm" c="dimmed" ta="center">
              {t('portalMessages.list.allLoaded')}
            </Text>
          ) : null}
        </Stack>
      );
  }

  return (
    <>
      <PageHeader
        title={t('portalMessages.title')}
        description={t('portalMessages.list.description')}
        actions={items.length > 0 ? <NewMessageButton allowed={canStart} /> : undefined}
      />
      {body}
    </>
  );
}
