import { useEffect, useRef, useState } from 'react';
import { Anchor, Button, Card, Group, Stack, Text, Title } from '@mantine/core';
import { IconBan, IconInfoCircle, IconSend } from '@tabler/icons-react';
import type { InvitationChannel, InvitationStatus, PatientDetail } from '@portico/contracts';
import { useQuery } from '@tanstack/react-query';
import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import { ErrorState } from '../../ui/components/error-state.tsx';
import { LoadingState } from '../../ui/components/loading-state.tsx';
import { Notice } from '../../ui/components/notice.tsx';
import { patientFullName } from '../../ui/format.ts';
import { useCountdown } from '../../ui/use-countdown.ts';
import { useMayOpen } from '../shell/require-role.tsx';
import { CooldownAnnouncement, CooldownText } from './invitation-cooldown.tsx';
import { InvitationRevokeModal } from './invitation-revoke-modal.tsx';
import { InvitationSendModal } from './invitation-send-modal.tsx';
import { InvitationStatusDetails } from './invitation-status-details.tsx';
import { invitationStatusQuery } from './invitations-api.ts';

/** An invitation whose link still works: re-sending supersedes it, revoking kills it. */
function isLive(status: InvitationStatus): boolean {
  return (
    (status.status === 'invited' ||
      status.status === 'opened' ||
      status.status === 'registering') &&
    status.current !== null &&
    status.current.revokedAt === null
  );
}

function BlockedNotice({ status, patientId }: { status: InvitationStatus; patientId: string }) {
  const { t } = useTranslation();
  const reason = status.blockedReason;
  if (reason === null) return null;
  return (
    <Notice
      tone="neutral"
      icon={<IconInfoCircle size={18} aria-hidden="true" />}
      title={t(`invitations.blocked.${reason}.title`)}
    >
      <Stack gap={4} align="flex-start">
        <span>{t(`invitations.blocked.${reason}.body`)}</span>
        {reason === 'no_contact' ? (
          <Anchor component={Link} to={`/practice/patients/${patientId}/edit`} size="sm">
            {t('invitations.blocked.no_contact.action')}
          </Anchor>
        ) : null}
      </Stack>
    </Notice>
  );
}

export function PortalAccessCard({ patient }: { patient: PatientDetail }) {
  const { t } = useTranslation();
  const mayInvite = useMayOpen('invite');
  const status = useQuery(invitationStatusQuery(patient.id));
  const [modal, setModal] = useState<'send' | 'revoke' | null>(null);
  const [done, setDone] = useState('');
  const sendButton = useRef<HTMLButtonElement>(null);
  const revokeButton = useRef<HTMLButtonElement>(null);
  const heading = useRef<HTMLHeadingElement>(null);
  const seconds = status.data?.retryAfterSeconds ?? 0;
  const remaining = useCountdown(status.dataUpdatedAt, seconds);
  const waitOver = seconds > 0 && remaining === 0;
  const { refetch } = status;

  // The wait is over on screen: ask the server, which has the last word.
  useEffect(() => {
    if (waitOver) void refetch();
  }, [waitOver, refetch]);

  /** Modals here mount only while open, so focus is put back by hand once they are gone. */
  const closeModal = (back: 'send' | 'revoke') => {
    setModal(null);
    window.setTimeout(() => {
      const opener = back === 'revoke' ? revokeButton.current : null;
      (opener ?? sendButton.current ?? heading.current)?.focus();
    }, 0);
  };

  let body;
  if (status.isPending) body = <LoadingState rows={3} />;
  else if (status.isError)
    body = (
      <ErrorState
        error={status.error}
        onRetry={() => {
          void refetch();
        }}
      />
    );
  else {
    const data = status.data;
    const live = isLive(data);
    const cooling = remaining > 0;
    const canSend = mayInvite && data.blockedReason === null;
    body = (
      <Stack gap="sm">
        <InvitationStatusDetails status={data} />
        <BlockedNotice status={data} patientId={patient.id} />
        {data.status === 'not_invited' && data.blockedReason === null ? (
          <Text size="sm">{t('invitations.card.notInvitedHint')}</Text>
        ) : null}
        {canSend && live ? <Text size="sm">{t('invitations.card.resendHint')}</Text> : null}
        {data.sendsInLast24Hours > 0 ? (
          <Text size="sm" c="dimmed">
            {t('invitations.card.sendsUsed', { used: data.sendsInLast24Hours })}
          </Text>
        ) : null}
        {canSend ? (
          <CooldownText id={`invitation-wait-${patient.id}`} remaining={remaining} />
        ) : null}
        {mayInvite && (canSend || live) ? (
          <Group gap="sm">
            {canSend ? (
              <Button
                ref={sendButton}
                leftSection={<IconSend size={16} aria-hidden="true" />}
                data-disabled={cooling || undefined}
                aria-disabled={cooling || undefined}
                aria-describedby={cooling ? `invitation-wait-${patient.id}` : undefined}
                onClick={() => {
                  if (!cooling) setModal('send');
                }}
              >
                {live ? t('invitations.card.resend') : t('invitations.card.send')}
              </Button>
            ) : null}
            {live ? (
              <Button
                ref={revokeButton}
                variant="default"
                leftSection={<IconBan size={16} aria-hidden="true" />}
                onClick={() => {
                  setModal('revoke');
                }}
              >
                {t('invitations.card.revoke')}
              </Button>
            ) : null}
          </Group>
        ) : null}
      </Stack>
    );
  }

  const data = status.data;
  return (
    <Card withBorder padding="md" radius="md" component="section" aria-labelledby="portal-access">
      <Title order={2} size="h3" mb="sm" id="portal-access" ref={heading} tabIndex={-1}>
        {t('invitations.card.title')}
      </Title>
      <Stack gap="sm">
        <div role="status">{done ? <Notice tone="success">{done}</Notice> : null}</div>
        {body}
      </Stack>
      {mayInvite ? <CooldownAnnouncement remaining={remaining} enabled={modal === null} /> : null}
      {modal === 'send' && data ? (
        <InvitationSendModal
          patientId={patient.id}
          patientName={patientFullName(patient)}
          status={data}
          resend={isLive(data)}
          onClose={() => {
            closeModal('send');
          }}
          onSent={(channels: InvitationChannel[]) => {
            setDone(
              t('invitations.card.sentNotice', {
                channels: channels
                  .map((c) => t(`invitations.channel.${c}`))
                  .join(t('invitations.channelSeparator')),
              }),
            );
          }}
        />
      ) : null}
      {modal === 'revoke' ? (
        <InvitationRevokeModal
          patientId={patient.id}
          patientName={patientFullName(patient)}
          onClose={() => {
            closeModal('revoke');
          }}
          onRevoked={() => {
            setDone(t('invitations.card.revokedNotice'));
          }}
        />
      ) : null}
    </Card>
  );
}
