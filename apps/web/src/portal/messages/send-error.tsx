import { Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { TFunction } from 'i18next';
import { ApiError } from '../../ui/api-client.ts';
import type { portalMessages } from '../../ui/i18n/en/portal-messages.ts';
import { FormErrorAlert } from '../../ui/components/form-error-alert.tsx';

/** Refusals explained in the portal's own words (what to do next). */
const ownWords: Partial<
  Record<
    ApiError['code'],
    `portalMessages.compose.errors.${keyof typeof portalMessages.compose.errors}`
  >
> = {
  PAYLOAD_TOO_LARGE: 'portalMessages.compose.errors.tooLarge',
  UNSUPPORTED_MEDIA_TYPE: 'portalMessages.compose.errors.unsupported',
  THREAD_READ_ONLY: 'portalMessages.compose.errors.readOnly',
  CONFLICT: 'portalMessages.compose.errors.inFlight',
  IDEMPOTENCY_KEY_REUSED: 'portalMessages.compose.errors.keyReused',
  FORBIDDEN: 'portalMessages.compose.errors.forbidden',
};

/** The words for a refused send: the API's own for the body, ours for the rest. */
export function sendErrorMessage(error: unknown, t: TFunction): string | undefined {
  if (!(error instanceof ApiError)) return undefined;
  if (error.code === 'VALIDATION') {
    // Card numbers and too-long bodies come back on `body`, in words written for people.
    return error.issues.length > 0
      ? error.issues.map((issue) => issue.message).join(' ')
      : undefined;
  }
  const key = ownWords[error.code];
  return key ? t(key) : undefined;
}

/** A failed send, in an alert that takes the focus; the draft stays for another try. */
export function SendErrorAlert({ error }: { error: unknown }) {
  const { t } = useTranslation();
  const retryable = !(error instanceof ApiError && error.code === 'THREAD_READ_ONLY');
  return (
    <FormErrorAlert
      error={error}
      title={t('portalMessages.compose.failedTitle')}
      message={sendErrorMessage(error, t)}
    >
      {retryable ? <Text size="sm">{t('portalMessages.compose.retryHint')}</Text> : null}
    </FormErrorAlert>
  );
}
