import { Anchor, Stack, Title } from '@mantine/core';
import { IconLock } from '@tabler/icons-react';
import { useEffect } from 'react';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Link, useParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { isApiError } from '../../ui/api-client.ts';
import { ErrorState } from '../../ui/components/error-state.tsx';
import { LoadingState } from '../../ui/components/loading-state.tsx';
import { NotFoundState } from '../../ui/components/not-found.tsx';
import { Notice } from '../../ui/components/notice.tsx';
import { PageHeader } from '../../ui/components/page-header.tsx';
import { threadQuery } from './api.ts';
import { MessageList } from './message-list.tsx';
import { ReplyBox } from './reply-box.tsx';
import { ThreadHeader } from './thread-header.tsx';

function BackLink() {
  const { t } = useTranslation();
  return (
    <Anchor component={Link} to="/practice/messages" size="sm">
      {t('consoleMessages.thread.back')}
    </Anchor>
  );
}

/** One conversation: who and what, the messages, and a reply box unless it is read-only. */
export function ThreadPage() {
  const { t } = useTranslation();
  const { threadId = '' } = useParams();
  const thread = useQuery(threadQuery(threadId));
  const queryClient = useQueryClient();
  const loadedAt = thread.dataUpdatedAt;

  // Opening a thread marks the patient's messages read: the badge and the inbox change.
  useEffect(() => {
    if (loadedAt === 0) return;
    void queryClient.invalidateQueries({ queryKey: ['messages', 'unread'] });
    void queryClient.invalidateQueries({ queryKey: ['messages', 'inbox'] });
  }, [loadedAt, queryClient]);

  if (!thread.isSuccess)
    return (
      <>
        <PageHeader title={t('consoleMessages.thread.loadingTitle')} />
        {thread.isPending ? (
          <LoadingState rows={8} />
        ) : isApiError(thread.error, 'NOT_FOUND') ? (
          <NotFoundState
            title={t('consoleMessages.thread.notFoundTitle')}
            description={t('consoleMessages.thread.notFound')}
            backTo="/practice/messages"
            backLabel={t('consoleMessages.thread.back')}
          />
        ) : (
          <ErrorState
            error={thread.error}
            onRetry={() => {
              void thread.refetch();
            }}
          />
        )}
      </>
    );

  const data = thread.data;
  return (
    <>
      <PageHeader
        title={data.subject}
        documentTitle={t('consoleMessages.thread.documentTitle', { subject: data.subject })}
      />
      <Stack gap="md">
        <ThreadHeader thread={data} />
        <section aria-labelledby="conversation-title">
          <Title order={2} size="h4" id="conversation-title" mb="sm">
            {t('consoleMessages.thread.conversation', { count: data.messages.length })}
          </Title>
          <MessageList messages={data.messages} />
        </section>
        {data.readOnlyReason ? (
          <Notice
            tone="neutral"
            icon={<IconLock size={18} aria-hidden="true" />}
            title={t(`consoleMessages.thread.readOnly.${data.readOnlyReason}.title`)}
          >
            {t(`consoleMessages.thread.readOnly.${data.readOnlyReason}.body`)}
          </Notice>
        ) : (
          <ReplyBox threadId={data.id} />
        )}
        <BackLink />
      </Stack>
    </>
  );
}
