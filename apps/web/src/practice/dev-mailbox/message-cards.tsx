import { Card, Group, Paper, Stack, Text } from '@mantine/core';
import { IconDeviceMobileMessage, IconMail } from '@tabler/icons-react';
import type { MailboxMessage } from '@portico/contracts';
import { useTranslation } from 'react-i18next';
import { formatDateTime } from '../../ui/format.ts';
import { HtmlPreview } from './html-preview.tsx';
import { LinkifiedText } from './linkified-text.tsx';
import classes from '../../ui/components/message-preview.module.css';

interface CardProps {
  message: MailboxMessage;
  timeZone: string;
}

export function EmailCard({ message, timeZone }: CardProps) {
  const { t, i18n } = useTranslation();
  const subject = message.subject ?? t('mailbox.noSubject');
  return (
    <Card
      withBorder
      padding="md"
      radius="md"
      component="article"
      aria-label={t('mailbox.emailLabel', { subject })}
    >
      <Stack gap="xs">
        <Group gap="xs" wrap="nowrap">
          <IconMail size={18} aria-hidden="true" />
          <Text fw={700}>{subject}</Text>
        </Group>
        <dl className={classes.meta}>
          <dt>{t('mailbox.to')}</dt>
          <dd>{message.to}</dd>
          <dt>{t('mailbox.sent')}</dt>
          <dd>{formatDateTime(message.deliveredAt, timeZone, i18n.language)}</dd>
        </dl>
        <div className={classes.body}>
          <LinkifiedText text={message.text} />
        </div>
        {message.html ? <HtmlPreview html={message.html} subject={subject} /> : null}
      </Stack>
    </Card>
  );
}

export function SmsBubble({ message, timeZone }: CardProps) {
  const { t, i18n } = useTranslation();
  return (
    <Card
      withBorder
      padding="md"
      radius="md"
      component="article"
      aria-label={t('mailbox.smsLabel', { to: message.to })}
    >
      <Stack gap="xs" maw={380}>
        <Group gap="xs" wrap="nowrap">
          <IconDeviceMobileMessage size={18} aria-hidden="true" />
          <Text fw={700}>{t('mailbox.smsTitle')}</Text>
        </Group>
        <dl className={classes.meta}>
          <dt>{t('mailbox.to')}</dt>
          <dd>{message.to}</dd>
          <dt>{t('mailbox.sent')}</dt>
          <dd>{formatDateTime(message.deliveredAt, timeZone, i18n.language)}</dd>
        </dl>
        <Paper className={classes.bubble} radius="lg" p="sm">
          <LinkifiedText text={message.text} />
        </Paper>
      </Stack>
    </Card>
  );
}
