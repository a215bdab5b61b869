import { Anchor, Group, Paper, Stack, Text } from '@mantine/core';
import { IconCheck, IconClock, IconPaperclip } from '@tabler/icons-react';
import type { MessageView } from '@portico/contracts';
import { useTranslation } from 'react-i18next';
import { useStaff } from '../session/staff-context.ts';
import { formatBytes } from './format-bytes.ts';
import { formatMessageTime } from './message-time.ts';

function ReadReceipt({ message }: { message: MessageView }) {
  const { t, i18n } = useTranslation();
  const me = useStaff();
  if (message.readAt === null)
    return (
      <Group gap={4} c="gray.8">
        <IconClock size={14} aria-hidden="true" />
        <Text size="xs">{t('consoleMessages.thread.notRead')}</Text>
      </Group>
    );
  return (
    <Group gap={4} c="portico.9">
      <IconCheck size={14} aria-hidden="true" />
      <Text size="xs">
        {t('consoleMessages.thread.readAt', {
          time: formatMessageTime(message.readAt, me.practice.timeZone, i18n.language),
        })}
      </Text>
    </Group>
  );
}

function MessageItem({ message }: { message: MessageView }) {
  const { t, i18n } = useTranslation();
  const me = useStaff();
  const fromStaff = message.author === 'staff';
  return (
    <Paper
      component="article"
      withBorder
      radius="md"
      p="sm"
      ml={fromStaff ? { base: 0, sm: 'xl' } : 0}
      mr={fromStaff ? 0 : { base: 0, sm: 'xl' }}
      bg={fromStaff ? 'var(--mantine-color-portico-light)' : undefined}
      aria-label={t('consoleMessages.thread.messageFrom', { name: message.authorName })}
    >
      <Group justify="space-between" gap="xs" mb={6} wrap="wrap">
        <Text size="sm" fw={600}>
          {message.authorName}{' '}
          <Text span size="xs" c="dimmed" fw={400}>
            {fromStaff
              ? t('consoleMessages.thread.authorStaff')
              : t('consoleMessages.thread.authorPatient')}
          </Text>
        </Text>
        <Text size="xs" c="dimmed" component="time" dateTime={message.sentAt}>
          {formatMessageTime(message.sentAt, me.practice.timeZone, i18n.language)}
        </Text>
      </Group>
      <Text size="sm" style={{ whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' }}>
        {message.body}
      </Text>
      {message.attachments.length > 0 ? (
        <Stack
          gap={2}
          mt="xs"
          component="ul"
          p={0}
          style={{ listStyle: 'none' }}
          aria-label={t('consoleMessages.thread.attachments', {
            count: message.attachments.length,
          })}
        >
          {message.attachments.map((a) => (
            <li key={a.id}>
              <Group gap={6} wrap="nowrap">
                <IconPaperclip size={14} aria-hidden="true" />
                <Anchor
                  href={`/api/practice/messages/attachments/${a.id}`}
                  download={a.fileName}
                  size="sm"
                  style={{ overflowWrap: 'anywhere' }}
                >
                  {a.fileName}
                </Anchor>
                <Text size="xs" c="dimmed">
                  {formatBytes(a.sizeBytes, i18n.language)}
                </Text>
              </Group>
            </li>
          ))}
        </Stack>
      ) : null}
      {fromStaff ? (
        <Group justify="flex-end" mt={6}>
          <ReadReceipt message={message} />
        </Group>
      ) : null}
    </Paper>
  );
}

/** The conversation, oldest first. */
export function MessageList({ messages }: { messages: MessageView[] }) {
  return (
    <Stack gap="sm">
      {messages.map((m) => (
        <MessageItem key={m.id} message={m} />
      ))}
    </Stack>
  );
}
