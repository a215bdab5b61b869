import type { TFunction } from 'i18next';
import { ApiError } from './api-client.ts';

/** A message for people: the API's own words, or a translated fallback for client failures. */
export function errorText(error: unknown, t: TFunction): string {
  if (error instanceof ApiError) {
    if (error.fromServer) return error.message;
    if (error.code === 'NETWORK') return t('common.errors.network');
  }
  return t('common.errors.unexpected');
}

export function errorRequestId(error: unknown): string | null {
  return error instanceof ApiError ? error.requestId : null;
}
