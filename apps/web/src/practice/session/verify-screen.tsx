import { useRef, useState } from 'react';
import type { SubmitEvent } from 'react';
import { Anchor, Button, Divider, Stack, Text, TextInput } from '@mantine/core';
import { IconFingerprint } from '@tabler/icons-react';
import type { StaffMe } from '@portico/contracts';
import { useTranslation } from 'react-i18next';
import { isApiError } from '../../ui/api-client.ts';
import { FormErrorAlert } from '../../ui/components/form-error-alert.tsx';
import { sixDigitCode } from '../../portal/account/six-digit-code.ts';
import { passkeysSupported } from '../../ui/components/passkey-prompt.ts';
import { useVerifyStaffCode, useVerifyStaffPasskey } from './api.ts';
import { PracticeAuthLayout } from './auth-layout.tsx';
import { FocusedTitle } from './focused-title.tsx';
import { LeaveLink } from './leave-link.tsx';
import { useSessionEnd } from './use-session-end.ts';

type Method = 'totp' | 'recovery_code';

/**
 * After the password, for a staff member with a second factor: a code from the authenticator
 * app (or a recovery code), or a passkey. Wrong codes show the server's words (tries left); the
 * 5th ends the session and goes back to sign in.
 */
export function VerifyScreen({ onVerified }: { onVerified: (me: StaffMe) => void }) {
  const { t } = useTranslation();
  const verify = useVerifyStaffCode();
  const passkey = useVerifyStaffPasskey();
  const sessionEnd = useSessionEnd();
  const input = useRef<HTMLInputElement>(null);
  const [method, setMethod] = useState<Method>('totp');
  const [typed, setTyped] = useState('');
  const [fieldError, setFieldError] = useState<string | null>(null);

  const submit = (event: SubmitEvent<HTMLFormElement>) => {
    event.preventDefault();
    const code = method === 'totp' ? sixDigitCode(typed) : typed.trim();
    if (!code) {
      setFieldError(
        method === 'totp'
          ? t('practiceAuth.mfa.verify.totpInvalid')
          : t('practiceAuth.mfa.verify.recoveryRequired'),
      );
      return;
    }
    setFieldError(null);
    passkey.reset();
    verify.mutate(
      { method, code },
      {
        onSuccess: onVerified,
        onError: (error) => {
          if (!sessionEnd(error)) setTyped('');
        },
      },
    );
  };

  const switchMethod = () => {
    setMethod(method === 'totp' ? 'recovery_code' : 'totp');
    setTyped('');
    setFieldError(null);
    verify.reset();
    window.setTimeout(() => input.current?.focus(), 0);
  };

  // The browser's own prompt was dismissed or timed out (not an answer from the server).
  const passkeyCancelled = passkey.isError && !isApiError(passkey.error);
  const isTotp = method === 'totp';
  return (
    <PracticeAuthLayout>
      <Stack gap="md">
        <FocusedTitle title={t('practiceAuth.mfa.verify.title')} />
        <Text size="sm">{t('practiceAuth.mfa.verify.intro')}</Text>
        <form onSubmit={submit} noValidate>
          <Stack gap="md">
            {verify.isError ? (
              <FormErrorAlert error={verify.error} title={t('practiceAuth.mfa.verify.failed')} />
            ) : null}
            <TextInput
              key={method}
              ref={input}
              label={
                isTotp
                  ? t('practiceAuth.mfa.verify.totpLabel')
                  : t('practiceAuth.mfa.verify.recoveryLabel')
              }
              description={
                isTotp
                  ? t('practiceAuth.mfa.verify.totpHint')
                  : t('practiceAuth.mfa.verify.recoveryHint')
              }
              value={typed}
              onChange={(event) => {
                setTyped(event.currentTarget.value);
              }}
              error={fieldError}
              inputMode={isTotp ? 'numeric' : 'text'}
              autoComplete={isTotp ? 'one-time-code' : 'off'}
              autoCapitalize="none"
              spellCheck={false}
              maxLength={isTotp ? 9 : 32}
              styles={{ input: { fontFamily: 'monospace', fontSize: 20, letterSpacing: 2 } }}
              required
            />
            <Button type="submit" fullWidth loading={verify.isPending}>
              {t('practiceAuth.mfa.verify.submit')}
            </Button>
            <Anchor
              component="button"
              type="button"
              size="sm"
              style={{ alignSelf: 'flex-start' }}
              onClick={switchMethod}
            >
              {isTotp
                ? t('practiceAuth.mfa.verify.useRecovery')
                : t('practiceAuth.mfa.verify.useApp')}
            </Anchor>
          </Stack>
        </form>
        {passkeysSupported() ? (
          <Stack gap="xs">
            <Divider label={t('practiceAuth.mfa.or')} labelPosition="center" />
            {passkey.isError ? (
              <FormErrorAlert
                error={passkey.error}
                title={t('practiceAuth.mfa.verify.passkeyFailed')}
                message={
                  passkeyCancelled ? t('practiceAuth.mfa.verify.passkeyCancelled') : undefined
                }
              />
            ) : null}
            <Button
              variant="default"
              fullWidth
              leftSection={<IconFingerprint size={18} aria-hidden="true" />}
              loading={passkey.isPending}
              onClick={() => {
                verify.reset();
                passkey.mutate(undefined, { onSuccess: onVerified, onError: sessionEnd });
              }}
            >
              {t('practiceAuth.mfa.verify.passkey')}
            </Button>
          </Stack>
        ) : null}
        <Divider />
        <LeaveLink label={t('practiceAuth.mfa.startAgain')} />
      </Stack>
    </PracticeAuthLayout>
  );
}
