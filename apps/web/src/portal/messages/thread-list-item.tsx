import { Badge, Group, Paper, Stack, Text } from '@mantine/core';
import type { PortalThread } from '@portico/contracts';
import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import { threadTitle } from './thread-title.ts';
import { useMessageTime } from './use-message-time.ts';
import classes from './messages.module.css';

/** One conversation in the list: subject, who with, the last message and when, what is new. */
export function ThreadListItem({ thread }: { thread: PortalThread }) {
  const { t } = useTranslation();
  const time = useMessageTime();
  const unread = thread.unreadCount > 0;
  const closed = thread.status === 'closed';
  const preview =
    thread.lastMessageAuthor === 'patient'
      ? t('portalMessages.list.lastFromYou', { preview: thread.lastMessagePreview })
      : thread.lastMessagePreview;
  return (
    <Paper
      component="li"
      withBorder
      p="md"
      radius="md"
      className={classes.threadCard}
      data-unread={unread || undefined}
    >
      <Stack gap={4}>
        <Group justify="space-between" gap="sm" wrap="nowrap" align="flex-start">
          <Text
            component={Link}
            to={`/portal/messages/${thread.id}`}
            fw={unread ? 700 : 600}
            className={classes.threadLink}
          >
            {threadTitle(thread, t)}
          </Text>
          <Text size="sm" c="dimmed" className={classes.time}>
            <time dateTime={thread.lastMessageAt}>{time.short(thread.lastMessageAt)}</time>
          </Text>
        </Group>
        <Group gap="xs" wrap="wrap">
          <Text size="sm" c="dimmed">
            {thread.provider
              ? t('portalMessages.list.with', { name: thread.provider.name })
              : t('portalMessages.list.withOffice')}
          </Text>
          {unread ? (
            <Badge color="portico" variant="filled" size="sm">
              {t('portalMessages.list.unread', { count: thread.unreadCount })}
            </Badge>
          ) : null}
          {closed ? (
            <Badge color="gray" variant="light" size="sm">
              {t('portalMessages.list.closed')}
            </Badge>
          ) : null}
        </Group>
        <Text size="sm" className={classes.preview} fw={unread ? 500 : undefined}>
          {preview}
        </Text>
      </Stack>
    </Paper>
  );
}
