import { useState } from 'react';
import type { SubmitEvent } from 'react';
import { Anchor, Button, Radio, Stack, Text, TextInput } from '@mantine/core';
import { useLocation, useNavigate } from 'react-router';
import { useTranslation } from 'react-i18next';
import { isApiError } from '../../ui/api-client.ts';
import { FormErrorAlert } from '../../ui/components/form-error-alert.tsx';
import { CodeField } from '../registration/code-field.tsx';
import { RetryAfter } from '../registration/retry-after.tsx';
import { useWait } from '../registration/use-wait.ts';
import { WaitText } from '../registration/wait-text.tsx';
import { useSendSignInSms, useVerifySecondFactor } from './api.ts';
import type { MfaChallenge } from './password-step.tsx';
import { LockedUntil } from './sign-in-errors.tsx';
import { PasskeyButton } from './passkey-button.tsx';
import { afterSignInPath } from '../session/paths.ts';

type CodeMethod = 'totp' | 'sms' | 'recovery_code';
const codeMethods: readonly CodeMethod[] = ['totp', 'sms', 'recovery_code'];

/** After the password: one of the account's second factors (a code), then into the portal. */
export function SecondFactorStep({
  challenge,
  onCancel,
}: {
  challenge: MfaChallenge;
  onCancel: () => void;
}) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const location = useLocation();
  const methods = codeMethods.filter((m) => challenge.methods.includes(m));
  const [method, setMethod] = useState<CodeMethod>(methods[0] ?? 'totp');
  const [code, setCode] = useState('');
  const [codeError, setCodeError] = useState<string | null>(null);
  const verify = useVerifySecondFactor();
  const sendSms = useSendSignInSms();
  const [smsSent, setSmsSent] = useState({ atMs: 0, seconds: 0 });
  const { remaining, waitAfter } = useWait({ startedAtMs: smsSent.atMs, seconds: smsSent.seconds });

  const submit = (event: SubmitEvent<HTMLFormElement>) => {
    event.preventDefault();
    const value = method === 'recovery_code' ? code.trim() : code;
    if (value === '') {
      setCodeError(t('portal.mfa.codeRequired'));
      return;
    }
    if (method !== 'recovery_code' && value.length !== 6) {
      setCodeError(t('portal.mfa.codeInvalid'));
      return;
    }
    setCodeError(null);
    verify.mutate(
      { method, code: value },
      {
        onSuccess: () => {
          void navigate(afterSignInPath(location.state), { replace: true });
        },
        onError: () => {
          setCode('');
        },
      },
    );
  };

  const send = () => {
    if (sendSms.isPending || remaining > 0) return;
    sendSms.mutate(undefined, {
      onSuccess: (sent) => {
        setSmsSent({ atMs: Date.now(), seconds: sent.resendAfterSeconds });
      },
      onError: waitAfter,
    });
  };

  const label = {
    totp: t('portal.mfa.totpCode'),
    sms: t('portal.mfa.smsCode'),
    recovery_code: t('portal.mfa.recoveryCode'),
  }[method];
  const help = {
    totp: t('portal.mfa.totpHelp'),
    sms: challenge.smsTo
      ? t('portal.mfa.smsHelp', { phone: challenge.smsTo })
      : t('portal.mfa.smsHelpNoPhone'),
    recovery_code: t('portal.mfa.recoveryHelp'),
  }[method];
  // Until the first text is sent there is no code to type.
  const needsSend = method === 'sms' && smsSent.atMs === 0;

  return (
    <Stack gap="md">
      {methods.length > 1 ? (
        <Radio.Group
          label={t('portal.mfa.methodLegend')}
          value={method}
          onChange={(value) => {
            const next = methods.find((m) => m === value);
            if (next) {
              setMethod(next);
              setCode('');
              setCodeError(null);
            }
          }}
          size="md"
        >
          <Stack gap="sm" mt="xs">
            {methods.map((m) => (
              <Radio key={m} value={m} label={t(`portal.mfa.methods.${m}`)} />
            ))}
          </Stack>
        </Radio.Group>
      ) : null}
      {method === 'sms' ? (
        <Stack gap="xs">
          {sendSms.isError && !isApiError(sendSms.error, 'COOLDOWN') ? (
            <FormErrorAlert error={sendSms.error} title={t('portal.mfa.smsFailed')}>
              <RetryAfter error={sendSms.error} />
            </FormErrorAlert>
          ) : null}
          {needsSend ? <Text size="sm">{help}</Text> : null}
          {sendSms.isSuccess ? (
            <Text size="sm" role="status">
              {t('portal.mfa.smsSent', { phone: sendSms.data.to })}
            </Text>
          ) : null}
          <Button
            variant={needsSend ? 'filled' : 'default'}
            size="md"
            onClick={send}
            loading={sendSms.isPending}
            aria-disabled={remaining > 0 ? true : undefined}
            data-disabled={remaining > 0 ? true : undefined}
            aria-describedby={remaining > 0 ? 'mfa-sms-wait' : undefined}
          >
            {needsSend ? t('portal.mfa.sendSms') : t('portal.mfa.resendSms')}
          </Button>
          <WaitText
            id="mfa-sms-wait"
            remaining={remaining}
            format={(time) => t('portal.mfa.resendIn', { time })}
          />
        </Stack>
      ) : null}
      {methods.length === 0 ? null : needsSend ? null : (
        <form onSubmit={submit} noValidate>
          <Stack gap="md">
            {verify.isError ? (
              <FormErrorAlert error={verify.error} title={t('portal.mfa.failed')}>
                <LockedUntil error={verify.error} />
              </FormErrorAlert>
            ) : null}
            {method === 'recovery_code' ? (
              <TextInput
                key={method}
                label={label}
                description={help}
                autoComplete="off"
                autoCapitalize="none"
                spellCheck={false}
                size="md"
                value={code}
                onChange={(e) => {
                  setCode(e.currentTarget.value);
                }}
                error={codeError}
                required
              />
            ) : (
              <CodeField
                key={method}
                label={label}
                description={method === 'sms' ? undefined : help}
                value={code}
                onChange={setCode}
                error={codeError}
              />
            )}
            <Button type="submit" size="md" fullWidth loading={verify.isPending}>
              {t('portal.mfa.submit')}
            </Button>
          </Stack>
        </form>
      )}
      {/* A passkey proves both factors at once: it opens a full session on its own. */}
      {challenge.methods.includes('passkey') ? <PasskeyButton /> : null}
      <Anchor
        component="button"
        type="button"
        size="sm"
        style={{ alignSelf: 'flex-start' }}
        onClick={onCancel}
      >
        {t('portal.mfa.cancel')}
      </Anchor>
    </Stack>
  );
}
