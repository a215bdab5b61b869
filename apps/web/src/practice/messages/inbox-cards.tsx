import { Anchor, Badge, Group, Paper, Stack, Text } from '@mantine/core';
import type { InboxThread } from '@portico/contracts';
import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import { useStaff } from '../session/staff-context.ts';
import { formatMessageTime } from './message-time.ts';
import { ThreadStatusBadge } from './thread-status-badge.tsx';

/** The inbox on a phone: one card a thread (a wide table would scroll sideways). */
export function InboxCards({ threads }: { threads: InboxThread[] }) {
  const { t, i18n } = useTranslation();
  const me = useStaff();
  return (
    <Stack
      gap="xs"
      component="ul"
      p={0}
      m={0}
      style={{ listStyle: 'none' }}
      aria-label={t('consoleMessages.inbox.caption')}
    >
      {threads.map((thread) => {
        const unread = thread.unreadCount > 0;
        return (
          <Paper component="li" key={thread.id} withBorder radius="md" p="sm">
            <Group justify="space-between" gap="xs" wrap="nowrap" align="flex-start">
              <Anchor
                component={Link}
                to={`/practice/messages/${thread.id}`}
                size="sm"
                fw={unread ? 700 : 500}
                style={{ overflowWrap: 'anywhere' }}
              >
                {thread.subject}
              </Anchor>
              <Text
                size="xs"
                c="dimmed"
                component="time"
                dateTime={thread.lastMessageAt}
                style={{ whiteSpace: 'nowrap' }}
              >
                {formatMessageTime(thread.lastMessageAt, me.practice.timeZone, i18n.language)}
              </Text>
            </Group>
            <Text size="sm" fw={unread ? 700 : 400}>
              {thread.patient.name}{' '}
              <Text span size="xs" c="dimmed" ff="monospace">
                {thread.patient.mrn}
              </Text>
            </Text>
            <Text size="xs" c="dimmed" lineClamp={2}>
              {thread.lastMessageAuthor === 'staff'
                ? t('consoleMessages.inbox.previewStaff', { text: thread.lastMessagePreview })
                : thread.lastMessagePreview}
            </Text>
            <Group gap={6} mt={6}>
              <ThreadStatusBadge status={thread.status} />
              {unread ? (
                <Badge color="red.8" variant="filled">
                  {t('consoleMessages.inbox.unreadBadge', { count: thread.unreadCount })}
                </Badge>
              ) : null}
              <Text size="xs" c="dimmed">
                {thread.assignee
                  ? t('consoleMessages.inbox.assignedTo', { name: thread.assignee.name })
                  : t('consoleMessages.unassigned')}
              </Text>
            </Group>
          </Paper>
        );
      })}
    </Stack>
  );
}
