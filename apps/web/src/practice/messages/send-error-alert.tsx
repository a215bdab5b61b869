import { useTranslation } from 'react-i18next';
import type { TFunction } from 'i18next';
import { isApiError } from '../../ui/api-client.ts';
import { FormErrorAlert } from '../../ui/components/form-error-alert.tsx';

/**
 * Plain words for the refusals a send can meet; the server's own words for the rest (a refused
 * body, e.g. a card number, is explained in the message; the field shows the short issue).
 */
function messageFor(error: unknown, t: TFunction): string | undefined {
  if (!isApiError(error)) return undefined;
  if (error.code === 'PAYLOAD_TOO_LARGE') return t('consoleMessages.sendErrors.tooLarge');
  if (error.code === 'UNSUPPORTED_MEDIA_TYPE') return t('consoleMessages.sendErrors.unsupported');
  if (error.code === 'THREAD_READ_ONLY') return t('consoleMessages.sendErrors.readOnly');
  if (error.code === 'CONFLICT') return t('consoleMessages.sendErrors.inFlight');
  if (error.code === 'IDEMPOTENCY_KEY_REUSED') return t('consoleMessages.sendErrors.keyReused');
  return undefined;
}

/** A failed send, announced (role="alert"); the draft stays so it can be fixed and sent again. */
export function SendErrorAlert({ error }: { error: unknown }) {
  const { t } = useTranslation();
  return (
    <FormErrorAlert
      error={error}
      title={t('consoleMessages.sendErrors.title')}
      message={messageFor(error, t)}
    />
  );
}

/** The server's issue on the message text (e.g. "Remove the card number."), for the field. */
export function bodyIssue(error: unknown): string | undefined {
  if (!isApiError(error, 'VALIDATION')) return undefined;
  return error.issues.find((i) => /(^|\.)body$/.test(i.path))?.message;
}
