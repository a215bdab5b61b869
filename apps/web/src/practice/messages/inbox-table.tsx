import { Anchor, Badge, Stack, Table, Text } from '@mantine/core';
import type { InboxThread } from '@portico/contracts';
import { Link, useNavigate } from 'react-router';
import { useTranslation } from 'react-i18next';
import { ScrollTable } from '../../ui/components/scroll-table.tsx';
import { useStaff } from '../session/staff-context.ts';
import { formatMessageTime } from './message-time.ts';
import { ThreadStatusBadge } from './thread-status-badge.tsx';

/** The inbox rows; the subject is the keyboard-reachable link, the whole row is clickable. */
export function InboxTable({ threads }: { threads: InboxThread[] }) {
  const { t, i18n } = useTranslation();
  const navigate = useNavigate();
  const me = useStaff();
  return (
    <ScrollTable minWidth={900} label={t('consoleMessages.inbox.caption')}>
      <Table striped highlightOnHover aria-label={t('consoleMessages.inbox.caption')}>
        <Table.Thead>
          <Table.Tr>
            <Table.Th scope="col">{t('consoleMessages.inbox.columns.patient')}</Table.Th>
            <Table.Th scope="col">{t('consoleMessages.inbox.columns.subject')}</Table.Th>
            <Table.Th scope="col">{t('consoleMessages.inbox.columns.lastMessage')}</Table.Th>
            <Table.Th scope="col">{t('consoleMessages.inbox.columns.unread')}</Table.Th>
            <Table.Th scope="col">{t('consoleMessages.inbox.columns.assignee')}</Table.Th>
            <Table.Th scope="col">{t('consoleMessages.inbox.columns.status')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {threads.map((thread) => {
            const unread = thread.unreadCount > 0;
            const to = `/practice/messages/${thread.id}`;
            return (
              <Table.Tr
                key={thread.id}
                style={{ cursor: 'pointer' }}
                onClick={(event) => {
                  if (event.target instanceof Element && event.target.closest('a')) return;
                  void navigate(to);
                }}
              >
                <Table.Td>
                  <Stack gap={0}>
                    <Text size="sm" fw={unread ? 700 : 500}>
                      {thread.patient.name}
                    </Text>
                    <Text size="xs" c="dimmed" ff="monospace">
                      {thread.patient.mrn}
                    </Text>
                  </Stack>
                </Table.Td>
                <Table.Td maw={380}>
                  <Anchor component={Link} to={to} size="sm" fw={unread ? 700 : 500}>
                    {thread.subject}
                  </Anchor>
                  <Text size="xs" c="dimmed" lineClamp={1}>
                    {thread.lastMessageAuthor === 'staff'
                      ? t('consoleMessages.inbox.previewStaff', { text: thread.lastMessagePreview })
                      : thread.lastMessagePreview}
                  </Text>
                </Table.Td>
                <Table.Td style={{ whiteSpace: 'nowrap' }}>
                  <Text size="sm" component="time" dateTime={thread.lastMessageAt}>
                    {formatMessageTime(thread.lastMessageAt, me.practice.timeZone, i18n.language)}
                  </Text>
                </Table.Td>
                <Table.Td>
                  {unread ? (
                    <Badge color="red.8" variant="filled" style={{ whiteSpace: 'nowrap' }}>
                      {t('consoleMessages.inbox.unreadBadge', { count: thread.unreadCount })}
                    </Badge>
                  ) : (
                    <Text size="sm" c="dimmed">
                      {t('consoleMessages.inbox.noneUnread')}
                    </Text>
                  )}
                </Table.Td>
                <Table.Td>
                  {thread.assignee ? (
                    <Text size="sm">{thread.assignee.name}</Text>
                  ) : (
                    <Text size="sm" c="dimmed">
                      {t('consoleMessages.unassigned')}
                    </Text>
                  )}
                </Table.Td>
                <Table.Td>
                  <ThreadStatusBadge status={thread.status} />
                </Table.Td>
              </Table.Tr>
            );
          })}
        </Table.Tbody>
      </Table>
    </ScrollTable>
  );
}
