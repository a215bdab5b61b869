import { useEffect } from 'react';
import { Anchor, Stack, VisuallyHidden } from '@mantine/core';
import { IconArrowLeft, IconInfoCircle } from '@tabler/icons-react';
import { useQuery } from '@tanstack/react-query';
import { Link, useParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { isApiError } from '../../ui/api-client.ts';
import { ErrorState } from '../../ui/components/error-state.tsx';
import { LoadingState } from '../../ui/components/loading-state.tsx';
import { Notice } from '../../ui/components/notice.tsx';
import { PageHeader } from '../../ui/components/page-header.tsx';
import { threadQuery, useAfterThreadRead } from './api.ts';
import { ClosedNotice } from './closed-notice.tsx';
import { MessageItem } from './message-item.tsx';
import { ReplyBox } from './reply-box.tsx';
import { threadTitle } from './thread-title.ts';
import classes from './messages.module.css';

function BackLink() {
  const { t } = useTranslation();
  return (
    <Anchor component={Link} to="/portal/messages" size="sm" mb="sm" display="inline-flex">
      <IconArrowLeft size={16} aria-hidden="true" style={{ marginRight: 4, marginTop: 2 }} />
      {t('portalMessages.thread.back')}
    </Anchor>
  );
}

/** `/portal/messages/:threadId`: the practice's guideline, the messages, and a reply box. */
export function PortalThreadPage() {
  const { t } = useTranslation();
  const { threadId = '' } = useParams();
  const thread = useQuery(threadQuery(threadId));
  const afterRead = useAfterThreadRead();
  const loadedAt = thread.isSuccess ? thread.dataUpdatedAt : 0;

  // Opening the thread marked the practice's messages read: the badges are stale now.
  useEffect(() => {
    if (loadedAt > 0) afterRead();
    // eslint-disable-next-line react-hooks/exhaustive-deps -- once per load of the thread
  }, [loadedAt]);

  if (thread.isPending) {
    return (
      <>
        <BackLink />
        <PageHeader title={t('portalMessages.title')} />
        <LoadingState rows={6} label={t('portalMessages.thread.loading')} />
      </>
    );
  }
  if (thread.isError) {
    const missing = isApiError(thread.error, 'NOT_FOUND');
    return (
      <>
        <BackLink />
        <PageHeader title={t('portalMessages.thread.notFoundTitle')} />
        <ErrorState
          error={thread.error}
          onRetry={
            missing
              ? undefined
              : () => {
                  void thread.refetch();
                }
          }
        />
      </>
    );
  }

  const detail = thread.data;
  return (
    <>
      <BackLink />
      <PageHeader
        title={threadTitle(detail, t)}
        description={
          detail.provider
            ? t('portalMessages.list.with', { name: detail.provider.name })
            : t('portalMessages.list.withOffice')
        }
      />
      <Stack gap="lg">
        {detail.guidelineBanner.trim() !== '' ? (
          <Notice
            tone="info"
            icon={<IconInfoCircle size={18} aria-hidden="true" />}
            title={t('portalMessages.thread.guideline')}
          >
            <span style={{ whiteSpace: 'pre-wrap' }}>{detail.guidelineBanner}</span>
          </Notice>
        ) : null}
        <section aria-labelledby="messages-heading">
          <VisuallyHidden component="h2" id="messages-heading">
            {t('portalMessages.thread.messagesLabel')}
          </VisuallyHidden>
          <ol className={classes.messageList}>
            {detail.messages.map((message) => (
              <MessageItem key={message.id} message={message} />
            ))}
          </ol>
        </section>
        {detail.readOnlyReason ? (
          <ClosedNotice reason={detail.readOnlyReason} />
        ) : (
          <ReplyBox threadId={detail.id} />
        )}
      </Stack>
    </>
  );
}
