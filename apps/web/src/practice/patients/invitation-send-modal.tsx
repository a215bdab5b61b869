import { useRef, useState } from 'react';
import type { SubmitEvent } from 'react';
import { Button, Checkbox, Group, Select, Stack, Text } from '@mantine/core';
import { IconSend } from '@tabler/icons-react';
import type { InvitationChannel, InvitationRequest, InvitationStatus } from '@portico/contracts';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { isApiError } from '../../ui/api-client.ts';
import { AppModal } from '../../ui/components/app-modal.tsx';
import { FormErrorAlert } from '../../ui/components/form-error-alert.tsx';
import { Notice } from '../../ui/components/notice.tsx';
import { useCountdown } from '../../ui/use-countdown.ts';
import {
  invitationTemplatesQuery,
  templatesInOrder,
} from '../settings/invitation-templates-api.ts';
import { CooldownAnnouncement, CooldownText } from './invitation-cooldown.tsx';
import { InvitationPreview } from './invitation-preview.tsx';
import { useSendInvitation } from './invitations-api.ts';

interface SendModalProps {
  patientId: string;
  patientName: string;
  status: InvitationStatus;
  /** True when an earlier invitation is still live (its link will stop working). */
  resend: boolean;
  onClose: () => void;
  onSent: (channels: InvitationChannel[]) => void;
}

const allChannels: readonly InvitationChannel[] = ['email', 'sms'];

/** Rendered only while open, so each opening starts from the patient's current contact data. */
export function InvitationSendModal(props: SendModalProps) {
  const { patientId, patientName, status, resend, onClose, onSent } = props;
  const { t } = useTranslation();
  const templates = useQuery(invitationTemplatesQuery);
  const send = useSendInvitation(patientId);
  const [channels, setChannels] = useState<InvitationChannel[]>(status.availableChannels);
  const [chosen, setChosen] = useState<Partial<Record<InvitationChannel, string>>>({});
  const [channelError, setChannelError] = useState<string | null>(null);
  const [wait, setWait] = useState({ startedAtMs: 0, seconds: 0 });
  const submitButton = useRef<HTMLButtonElement>(null);
  const remaining = useCountdown(wait.startedAtMs, wait.seconds);
  const cooling = remaining > 0;

  const ordered = templatesInOrder(templates.data?.items ?? []);
  const optionsFor = (channel: InvitationChannel) =>
    ordered
      .filter((x) => x.channel === channel)
      .map((x) => ({
        value: x.id,
        label: x.builtIn ? t('invitations.send.builtIn', { name: x.name }) : x.name,
      }));
  const templateFor = (channel: InvitationChannel) =>
    chosen[channel] ?? optionsFor(channel)[0]?.value;

  const request: InvitationRequest = { channels };
  const emailTemplateId = templateFor('email');
  const smsTemplateId = templateFor('sms');
  if (channels.includes('email') && emailTemplateId) request.emailTemplateId = emailTemplateId;
  if (channels.includes('sms') && smsTemplateId) request.smsTemplateId = smsTemplateId;

  const submit = (event: SubmitEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (cooling || send.isPending) return;
    if (channels.length === 0) {
      setChannelError(t('invitations.send.channelsRequired'));
      return;
    }
    send.mutate(request, {
      onSuccess: () => {
        onSent(channels);
        onClose();
      },
      onError: (error) => {
        if (isApiError(error, 'COOLDOWN') && error.retryAfterSeconds !== null) {
          setWait({ startedAtMs: Date.now(), seconds: error.retryAfterSeconds });
          // The button was disabled while sending; give it the focus back (it stays focusable).
          window.setTimeout(() => submitButton.current?.focus(), 0);
        }
      },
    });
  };

  const inCooldown = isApiError(send.error, 'COOLDOWN');
  const title = resend ? 'invitations.send.resendTitle' : 'invitations.send.title';

  return (
    <AppModal opened onClose={onClose} size="lg" title={t(title, { name: patientName })}>
      <form onSubmit={submit} noValidate>
        <Stack gap="md">
          {send.isError && !inCooldown ? (
            <FormErrorAlert error={send.error} title={t('invitations.send.errorTitle')} />
          ) : null}
          {resend ? <Notice tone="warning">{t('invitations.card.resendHint')}</Notice> : null}
          <Checkbox.Group
            label={t('invitations.send.channels')}
            description={t('invitations.send.channelsHint')}
            value={channels}
            onChange={(values) => {
              setChannels(allChannels.filter((c) => values.includes(c)));
              setChannelError(null);
            }}
            error={channelError}
          >
            <Group gap="lg" mt="xs">
              {status.availableChannels.map((channel, index) => (
                <Checkbox
                  key={channel}
                  value={channel}
                  label={t(`invitations.channel.${channel}`)}
                  data-autofocus={index === 0 ? true : undefined}
                />
              ))}
            </Group>
          </Checkbox.Group>
          {templates.isError ? (
            <Text size="sm">{t('invitations.send.templatesFailed')}</Text>
          ) : (
            channels.map((channel) => (
              <Select
                key={channel}
                label={t(
                  channel === 'email'
                    ? 'invitations.send.emailTemplate'
                    : 'invitations.send.smsTemplate',
                )}
                data={optionsFor(channel)}
                value={templateFor(channel) ?? null}
                onChange={(value) => {
                  if (value) setChosen((c) => ({ ...c, [channel]: value }));
                }}
                allowDeselect={false}
                disabled={templates.isPending}
                placeholder={templates.isPending ? t('common.loading') : undefined}
              />
            ))
          )}
          <InvitationPreview patientId={patientId} request={request} />
          {inCooldown ? (
            <Notice tone="warning" title={t('invitations.send.cooldownTitle')}>
              {cooling ? (
                <CooldownText id="invitation-send-wait" remaining={remaining} />
              ) : (
                <Text size="sm">{t('invitations.cooldown.ready')}</Text>
              )}
            </Notice>
          ) : null}
          <CooldownAnnouncement remaining={remaining} />
          <Group justify="flex-end" gap="sm">
            <Button variant="default" onClick={onClose}>
              {t('common.actions.cancel')}
            </Button>
            <Button
              ref={submitButton}
              type="submit"
              leftSection={<IconSend size={16} aria-hidden="true" />}
              loading={send.isPending}
              data-disabled={cooling || undefined}
              aria-disabled={cooling || undefined}
              aria-describedby={cooling ? 'invitation-send-wait' : undefined}
            >
              {t('invitations.send.submit')}
            </Button>
          </Group>
        </Stack>
      </form>
    </AppModal>
  );
}
