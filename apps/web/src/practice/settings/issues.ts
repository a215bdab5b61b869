import { isApiError } from '../../ui/api-client.ts';

/** The API's message for one body field (`body.<field>`), if the last save failed on it. */
export function issueFor(error: unknown, field: string): string | undefined {
  if (!isApiError(error, 'VALIDATION')) return undefined;
  return error.issues.find((i) => i.path.replace(/^body\./, '') === field)?.message;
}
