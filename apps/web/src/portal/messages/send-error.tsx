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

/** The words for a refused send: the API's own about the message and its files, ours for the rest. */
export function sendErrorMessage(error: unknown, t: TFunction): string | undefined {
  if (!(error instanceof ApiError)) return undefined;
  if (error.code === 'VALIDATION') {
    // The API's sentence says what to do (card number, too long, too many files); a generic one
    // ("Some fields are missing or invalid.") is followed by the fields' own issues.
    const others = error.issues.filter((i) => i.path !== 'body' && i.path !== 'files');
    return [error.message, ...others.map((i) => i.message)].join(' ');
  }
  // Files: the API names the file at fault. A proxy's bare 413 has no request id: our words.
  const fileProblem = error.code === 'PAYLOAD_TOO_LARGE' || error.code === 'UNSUPPORTED_MEDIA_TYPE';
  if (fileProblem && error.requestId !== null) return error.message;
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
