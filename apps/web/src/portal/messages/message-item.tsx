import { Anchor, Group, Paper, Stack, Text } from '@mantine/core';
import { IconChecks, IconDownload } from '@tabler/icons-react';
import type { MessageView } from '@portico/contracts';
import { useTranslation } from 'react-i18next';
import { attachmentHref } from './api.ts';
import { formatBytes } from './draft-rules.ts';
import { useMessageTime } from './use-message-time.ts';
import classes from './messages.module.css';

/** On the patient's own messages: whether the practice has read it. */
function ReadReceipt({ readAt }: { readAt: string | null }) {
  const { t } = useTranslation();
  const time = useMessageTime();
  return (
    <Group gap={4} justify="flex-end">
      {readAt ? <IconChecks size={16} aria-hidden="true" /> : null}
      <Text size="xs" c="dimmed">
        {readAt
          ? t('portalMessages.thread.readBy', { time: time.dayAndTime(readAt) })
          : t('portalMessages.thread.delivered')}
      </Text>
    </Group>
  );
}

/** One message: who wrote it and when, the text, its files as downloads, and a read receipt. */
export function MessageItem({ message }: { message: MessageView }) {
  const { t, i18n } = useTranslation();
  const time = useMessageTime();
  const own = message.author === 'patient';
  return (
    <Paper
      component="li"
      p="sm"
      radius="md"
      className={classes.message}
      data-own={own || undefined}
    >
      <Stack gap={6}>
        <Group justify="space-between" gap="sm" wrap="wrap">
          <Text size="sm" fw={700}>
            {own ? t('portalMessages.thread.you') : message.authorName}
          </Text>
          <Text size="xs" c="dimmed">
            <time dateTime={message.sentAt}>{time.dayAndTime(message.sentAt)}</time>
          </Text>
        </Group>
        <Text className={classes.messageBody}>{message.body}</Text>
        {message.attachments.length > 0 ? (
          <ul
            className={classes.attachmentList}
            aria-label={t('portalMessages.thread.attachments')}
          >
            {message.attachments.map((file) => (
              <li key={file.id}>
                <Anchor
                  href={attachmentHref(file.id)}
                  download
                  className={classes.attachmentLink}
                  size="sm"
                >
                  <IconDownload size={16} aria-hidden="true" style={{ flexShrink: 0 }} />
                  {t('portalMessages.thread.download', {
                    name: file.fileName,
                    size: formatBytes(file.sizeBytes, i18n.language),
                  })}
                </Anchor>
              </li>
            ))}
          </ul>
        ) : null}
        {own ? <ReadReceipt readAt={message.readAt} /> : null}
      </Stack>
    </Paper>
  );
}
