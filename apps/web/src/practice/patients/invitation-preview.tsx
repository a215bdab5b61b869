import { Fragment } from 'react';
import type { ReactNode } from 'react';
import { Alert, Card, Group, Paper, Stack, Text, Title } from '@mantine/core';
import { IconAlertCircle, IconDeviceMobileMessage, IconMail } from '@tabler/icons-react';
import type { InvitationRequest } from '@portico/contracts';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { LoadingState } from '../../ui/components/loading-state.tsx';
import { errorText } from '../../ui/error-text.ts';
import { invitationPreviewQuery } from './invitations-api.ts';
import classes from '../../ui/components/message-preview.module.css';

function Meta({ items }: { items: { label: string; value: string }[] }) {
  return (
    <dl className={classes.meta}>
      {items.map((item) => (
        <Fragment key={item.label}>
          <dt>{item.label}</dt>
          <dd>{item.value}</dd>
        </Fragment>
      ))}
    </dl>
  );
}

function PreviewCard({
  icon,
  label,
  children,
}: {
  icon: ReactNode;
  label: string;
  children: ReactNode;
}) {
  return (
    <Card withBorder padding="sm" radius="md" component="article" aria-label={label}>
      <Stack gap="xs">
        <Group gap="xs" wrap="nowrap">
          {icon}
          <Text fw={700} size="sm">
            {label}
          </Text>
        </Group>
        {children}
      </Stack>
    </Card>
  );
}

/** Exactly what the patient receives for the current choices; refreshed when they change. */
export function InvitationPreview({
  patientId,
  request,
}: {
  patientId: string;
  request: InvitationRequest;
}) {
  const { t } = useTranslation();
  const preview = useQuery(invitationPreviewQuery(patientId, request));
  const wants = (channel: 'email' | 'sms') => request.channels.includes(channel);

  let body: ReactNode;
  if (request.channels.length === 0) {
    body = (
      <Text size="sm" c="dimmed">
        {t('invitations.send.previewEmpty')}
      </Text>
    );
  } else if (preview.isPending) {
    body = <LoadingState rows={3} label={t('invitations.send.previewLoading')} />;
  } else if (preview.isError) {
    body = (
      <Alert
        role="alert"
        color="red"
        variant="light"
        title={t('invitations.send.previewFailed')}
        icon={<IconAlertCircle aria-hidden="true" />}
      >
        <Text size="sm">{errorText(preview.error, t)}</Text>
      </Alert>
    );
  } else {
    const { email, sms } = preview.data;
    body = (
      <Stack gap="sm" aria-busy={preview.isFetching}>
        {wants('email') && email ? (
          <PreviewCard
            icon={<IconMail size={18} aria-hidden="true" />}
            label={t('invitations.send.emailPreview')}
          >
            <Meta
              items={[
                { label: t('invitations.send.to'), value: email.to },
                { label: t('invitations.send.subject'), value: email.subject },
              ]}
            />
            <p className={classes.body}>{email.text}</p>
          </PreviewCard>
        ) : null}
        {wants('sms') && sms ? (
          <PreviewCard
            icon={<IconDeviceMobileMessage size={18} aria-hidden="true" />}
            label={t('invitations.send.smsPreview')}
          >
            <Meta items={[{ label: t('invitations.send.to'), value: sms.to }]} />
            <Paper className={classes.bubble} radius="lg" p="sm">
              {sms.text}
            </Paper>
            <Text size="sm" c="dimmed">
              {t('invitations.send.segments', { count: sms.segments })}
            </Text>
          </PreviewCard>
        ) : null}
      </Stack>
    );
  }

  return (
    <Stack gap="xs" component="section" aria-labelledby="invitation-preview-title">
      <div>
        <Title order={3} size="h4" id="invitation-preview-title">
          {t('invitations.send.preview')}
        </Title>
        <Text size="sm" c="dimmed">
          {t('invitations.send.previewHint')}
        </Text>
      </div>
      {body}
    </Stack>
  );
}
