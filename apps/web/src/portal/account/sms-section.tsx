import { useEffect, useRef, useState } from 'react';
import { Button, Group, Stack, Text } from '@mantine/core';
import type { MfaStatus, SmsCodeSent } from '@portico/contracts';
import { useTranslation } from 'react-i18next';
import { formatCountdown } from '../../ui/format.ts';
import { useCountdown } from '../../ui/use-countdown.ts';
import { FormErrorAlert } from '../../ui/components/form-error-alert.tsx';
import { shownError } from '../session/reauth.tsx';
import { useConfirmSms, useDisableSms, useStartSms } from './api.ts';
import { CodeForm } from './code-form.tsx';
import { RecoveryCodesDisplay } from './recovery-codes-display.tsx';
import {
  ChangeNotice,
  SecuritySection,
  TurnOffDialog,
  useSectionNotice,
} from './security-section.tsx';

interface SentCode extends SmsCodeSent {
  /** When the answer arrived (the resend wait counts from then). */
  atMs: number;
}

/** The code was sent: where to, and the field for it (focus moves to the message). */
function SmsCodeStep({
  sent,
  sending,
  sendError,
  confirming,
  confirmError,
  onConfirm,
  onResend,
  onCancel,
}: {
  sent: SentCode;
  sending: boolean;
  sendError: unknown;
  confirming: boolean;
  confirmError: unknown;
  onConfirm: (code: string) => void;
  onResend: () => void;
  onCancel: () => void;
}) {
  const { t } = useTranslation();
  const sentText = useRef<HTMLParagraphElement>(null);
  const waitSeconds = useCountdown(sent.atMs, sent.resendAfterSeconds);
  useEffect(() => {
    sentText.current?.focus();
  }, [sent.atMs]);
  const resendFailure = shownError(sendError);
  return (
    <Stack gap="sm">
      <Text size="sm" ref={sentText} tabIndex={-1}>
        {t('portalAccount.sms.sentTo', { phone: sent.to })}
      </Text>
      {resendFailure ? <FormErrorAlert error={resendFailure} /> : null}
      <CodeForm
        label={t('portalAccount.sms.codeLabel')}
        invalidMessage={t('portalAccount.sms.codeInvalid')}
        submitLabel={t('portalAccount.sms.confirm')}
        busy={confirming}
        error={confirmError}
        onSubmit={onConfirm}
        onCancel={onCancel}
        extra={
          <Button variant="default" onClick={onResend} loading={sending} disabled={waitSeconds > 0}>
            {waitSeconds > 0
              ? t('portalAccount.sms.resendIn', { time: formatCountdown(waitSeconds) })
              : t('portalAccount.sms.resend')}
          </Button>
        }
      />
    </Stack>
  );
}

/** Codes by text message to the verified phone: turn on (send, enter the code) or off. */
export function SmsSection({ status }: { status: MfaStatus }) {
  const { t } = useTranslation();
  const start = useStartSms();
  const confirm = useConfirmSms();
  const disable = useDisableSms();
  const [sent, setSent] = useState<SentCode | null>(null);
  const [codes, setCodes] = useState<string[] | null>(null);
  const [askOff, setAskOff] = useState(false);
  const { heading, notice, setNotice, backToHeading } = useSectionNotice();
  const { sms } = status;

  const send = () => {
    setNotice('');
    start.mutate(undefined, {
      onSuccess: (answer) => {
        setSent({ ...answer, atMs: Date.now() });
      },
    });
  };

  let body;
  if (codes) {
    body = (
      <RecoveryCodesDisplay
        codes={codes}
        onDone={() => {
          setCodes(null);
          backToHeading(t('portalAccount.sms.turnedOn'));
        }}
      />
    );
  } else if (sent) {
    body = (
      <SmsCodeStep
        sent={sent}
        sending={start.isPending}
        sendError={start.error}
        confirming={confirm.isPending}
        confirmError={confirm.error}
        onResend={send}
        onConfirm={(code) => {
          confirm.mutate(
            { code },
            {
              onSuccess: (result) => {
                setSent(null);
                start.reset();
                if (result.recoveryCodes) setCodes(result.recoveryCodes);
                else backToHeading(t('portalAccount.sms.turnedOn'));
              },
            },
          );
        }}
        onCancel={() => {
          setSent(null);
          start.reset();
          confirm.reset();
          backToHeading(t('portalAccount.security.cancelled'));
        }}
      />
    );
  } else if (sms.enabled) {
    const failure = shownError(disable.error);
    body = (
      <>
        {sms.phone ? (
          <Text size="sm">{t('portalAccount.sms.enabledTo', { phone: sms.phone })}</Text>
        ) : null}
        {failure ? <FormErrorAlert error={failure} /> : null}
        <Group>
          <Button
            variant="default"
            loading={disable.isPending}
            onClick={() => {
              setNotice('');
              disable.reset();
              setAskOff(true);
            }}
          >
            {t('portalAccount.sms.turnOff')}
          </Button>
        </Group>
      </>
    );
  } else if (!sms.available) {
    body = <Text size="sm">{t('portalAccount.sms.unavailable')}</Text>;
  } else {
    const failure = shownError(start.error);
    body = (
      <>
        {failure ? <FormErrorAlert error={failure} /> : null}
        <Group>
          <Button loading={start.isPending} onClick={send}>
            {t('portalAccount.sms.turnOn')}
          </Button>
        </Group>
      </>
    );
  }

  return (
    <SecuritySection
      id="security-sms"
      ref={heading}
      title={t('portalAccount.sms.heading')}
      intro={t('portalAccount.sms.intro')}
      enabled={sms.enabled}
    >
      {body}
      <ChangeNotice message={notice} />
      <TurnOffDialog
        opened={askOff}
        title={t('portalAccount.sms.turnOffTitle')}
        body={t('portalAccount.sms.turnOffBody')}
        confirmLabel={t('portalAccount.sms.turnOff')}
        disable={disable}
        onClose={() => {
          setAskOff(false);
        }}
        onTurnedOff={() => {
          backToHeading(t('portalAccount.sms.turnedOff'));
        }}
      />
    </SecuritySection>
  );
}
