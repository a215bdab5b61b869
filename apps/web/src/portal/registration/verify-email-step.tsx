import { Alert, Anchor, Button, Stack, Text } from '@mantine/core';
import { IconInfoCircle } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { isApiError } from '../../ui/api-client.ts';
import { FormErrorAlert } from '../../ui/components/form-error-alert.tsx';
import { useResendEmailCode, useVerifyEmail } from './api.ts';
import { CodeField } from './code-field.tsx';
import { useCodeEntry } from './use-code-entry.ts';
import { useRegistration } from './registration-context.ts';
import { RetryAfter } from './retry-after.tsx';
import { useWait } from './use-wait.ts';
import { WaitText } from './wait-text.tsx';

/** Step 2: the 6-digit code from the email (the email's one-click link is handled by the page). */
export function VerifyEmailStep({
  linkFailed,
  onChangeEmail,
}: {
  linkFailed: boolean;
  /** Step 1 may be repeated until the email is verified (to fix the address). */
  onChangeEmail: () => void;
}) {
  const { t } = useTranslation();
  const { token, state, receivedAtMs } = useRegistration();
  const verify = useVerifyEmail(token);
  const resend = useResendEmailCode(token);
  const { code, setCode, codeError, submit } = useCodeEntry(
    verify,
    t('registration.email.codeInvalid'),
  );
  const { remaining, waitAfter } = useWait({
    startedAtMs: receivedAtMs,
    seconds: state.resendAfterSeconds,
  });

  const sendAgain = () => {
    if (remaining > 0) return;
    resend.mutate({}, { onError: waitAfter });
  };

  const verifyFailed = verify.isError && !isApiError(verify.error, 'LINK_UNUSABLE');
  const resendFailed =
    resend.isError &&
    !isApiError(resend.error, 'LINK_UNUSABLE') &&
    !isApiError(resend.error, 'COOLDOWN');

  return (
    <Stack gap="lg">
      <Text size="md" style={{ overflowWrap: 'anywhere' }}>
        {t('registration.email.sentTo', { email: state.email ?? '' })}
      </Text>
      {linkFailed && !verify.isError ? (
        <Alert role="alert" color="yellow" icon={<IconInfoCircle aria-hidden="true" />}>
          {t('registration.email.linkFailed')}
        </Alert>
      ) : null}
      <form onSubmit={submit} noValidate>
        <Stack gap="md">
          {verifyFailed ? (
            <FormErrorAlert error={verify.error} title={t('registration.email.failed')}>
              <RetryAfter error={verify.error} />
            </FormErrorAlert>
          ) : null}
          <CodeField
            label={t('registration.email.code')}
            description={t('registration.email.codeHelp')}
            value={code}
            onChange={setCode}
            error={codeError}
          />
          <Button type="submit" size="md" fullWidth loading={verify.isPending}>
            {t('registration.email.submit')}
          </Button>
        </Stack>
      </form>
      <Stack gap="xs" align="flex-start">
        {resendFailed ? (
          <FormErrorAlert error={resend.error}>
            <RetryAfter error={resend.error} />
          </FormErrorAlert>
        ) : null}
        {resend.isSuccess ? (
          <Text size="sm" role="status">
            {t('registration.email.resent')}
          </Text>
        ) : null}
        <Button
          variant="default"
          onClick={sendAgain}
          loading={resend.isPending}
          aria-disabled={remaining > 0 ? true : undefined}
          data-disabled={remaining > 0 ? true : undefined}
          aria-describedby={remaining > 0 ? 'email-resend-wait' : undefined}
        >
          {t('registration.email.resend')}
        </Button>
        <WaitText
          id="email-resend-wait"
          remaining={remaining}
          format={(time) => t('registration.email.resendIn', { time })}
        />
        <Text size="sm">
          {t('registration.email.wrongAddress')}{' '}
          <Anchor component="button" type="button" inherit onClick={onChangeEmail}>
            {t('registration.email.changeAddress')}
          </Anchor>
        </Text>
      </Stack>
    </Stack>
  );
}
