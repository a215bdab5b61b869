import { useRef, useState } from 'react';
import { Anchor, Button, Radio, Stack, Text, TextInput } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { isApiError } from '../../ui/api-client.ts';
import { FormErrorAlert } from '../../ui/components/form-error-alert.tsx';
import { useSendPhoneCode, useVerifyPhone } from './api.ts';
import { CodeField } from './code-field.tsx';
import { issueFor } from './form-rules.ts';
import { useCodeEntry } from './use-code-entry.ts';
import { useRegistration } from './registration-context.ts';
import { RetryAfter } from './retry-after.tsx';
import { useWait } from './use-wait.ts';
import { WaitText } from './wait-text.tsx';

type Channel = 'sms' | 'voice';

/** Step 3: a code by text message (or a voice call) to the number on file or a new one. */
export function VerifyPhoneStep() {
  const { t } = useTranslation();
  const { token, state, receivedAtMs } = useRegistration();
  const send = useSendPhoneCode(token);
  const verify = useVerifyPhone(token);
  const [choice, setChoice] = useState<'on_file' | 'other'>(
    state.phoneOnFile ? 'on_file' : 'other',
  );
  const [phone, setPhone] = useState('');
  const [phoneError, setPhoneError] = useState<string | null>(null);
  const [changing, setChanging] = useState(false);
  const { code, setCode, codeError, submit } = useCodeEntry(
    verify,
    t('registration.phone.codeInvalid'),
  );
  const codeRef = useRef<HTMLInputElement>(null);
  const { remaining, waitAfter } = useWait({
    startedAtMs: receivedAtMs,
    seconds: state.resendAfterSeconds,
  });
  const sentTo = changing ? null : state.phoneCodeSentTo;

  const sendCode = (channel: Channel) => {
    if (send.isPending || remaining > 0) return;
    const body: { channel: Channel; phone?: string } = { channel };
    if (choice === 'other') {
      const number = phone.trim();
      if (number === '') {
        setPhoneError(t('registration.phone.numberRequired'));
        return;
      }
      body.phone = number;
    }
    setPhoneError(null);
    send.mutate(body, {
      onSuccess: () => {
        setChanging(false);
        setCode('');
        window.setTimeout(() => codeRef.current?.focus(), 0);
      },
      onError: (error) => {
        setPhoneError(issueFor(error, 'phone'));
        waitAfter(error);
      },
    });
  };

  const waiting = remaining > 0;
  const sendButtons = (
    <Stack gap="xs">
      <Stack gap="sm">
        {(['sms', 'voice'] as const).map((channel) => (
          <Button
            key={channel}
            size="md"
            fullWidth
            variant={channel === 'sms' && sentTo === null ? 'filled' : 'default'}
            onClick={() => {
              sendCode(channel);
            }}
            loading={send.isPending && send.variables.channel === channel}
            aria-disabled={waiting ? true : undefined}
            data-disabled={waiting ? true : undefined}
            aria-describedby={waiting ? 'phone-resend-wait' : undefined}
          >
            {channel === 'sms'
              ? t('registration.phone.sendSms')
              : t('registration.phone.sendVoice')}
          </Button>
        ))}
      </Stack>
      <WaitText
        id="phone-resend-wait"
        remaining={remaining}
        format={(time) => t('registration.phone.resendIn', { time })}
      />
    </Stack>
  );
  const sendFailed =
    send.isError &&
    !isApiError(send.error, 'LINK_UNUSABLE') &&
    !isApiError(send.error, 'VALIDATION');

  return (
    <Stack gap="lg">
      {sendFailed ? (
        <FormErrorAlert error={send.error} title={t('registration.phone.sendFailed')}>
          <RetryAfter error={send.error} />
        </FormErrorAlert>
      ) : null}
      {sentTo === null ? (
        <Stack gap="md">
          <Text size="md">{t('registration.phone.intro')}</Text>
          {state.phoneOnFile ? (
            <Radio.Group
              label={t('registration.phone.choiceLegend')}
              value={choice}
              onChange={(value) => {
                setChoice(value === 'other' ? 'other' : 'on_file');
              }}
              size="md"
            >
              <Stack gap="sm" mt="xs">
                <Radio
                  value="on_file"
                  label={t('registration.phone.onFile', { phone: state.phoneOnFile })}
                />
                <Radio value="other" label={t('registration.phone.other')} />
              </Stack>
            </Radio.Group>
          ) : null}
          {choice === 'other' ? (
            <TextInput
              label={t('registration.phone.number')}
              description={t('registration.phone.numberHelp')}
              type="tel"
              inputMode="tel"
              autoComplete="tel"
              size="md"
              value={phone}
              onChange={(e) => {
                setPhone(e.currentTarget.value);
              }}
              error={phoneError}
              required
            />
          ) : null}
          {sendButtons}
        </Stack>
      ) : (
        <Stack gap="md">
          <Text size="md" role="status">
            {t('registration.phone.sentTo', { phone: sentTo })}
          </Text>
          <form onSubmit={submit} noValidate>
            <Stack gap="md">
              {verify.isError && !isApiError(verify.error, 'LINK_UNUSABLE') ? (
                <FormErrorAlert error={verify.error} title={t('registration.phone.failed')}>
                  <RetryAfter error={verify.error} />
                </FormErrorAlert>
              ) : null}
              <CodeField
                ref={codeRef}
                label={t('registration.phone.code')}
                value={code}
                onChange={setCode}
                error={codeError}
              />
              <Button type="submit" size="md" fullWidth loading={verify.isPending}>
                {t('registration.phone.submit')}
              </Button>
            </Stack>
          </form>
          {sendButtons}
          <Anchor
            component="button"
            type="button"
            size="sm"
            style={{ alignSelf: 'flex-start' }}
            onClick={() => {
              setChanging(true);
              setChoice('other');
            }}
          >
            {t('registration.phone.changeNumber')}
          </Anchor>
        </Stack>
      )}
    </Stack>
  );
}
