import type { ErrorCode, FieldIssue, LinkUnusableReason } from '@portico/contracts';

/** The one application error. Services throw it; the error handler maps it to HTTP. */
export class AppError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly details: {
      issues?: FieldIssue[];
      retryAfterSeconds?: number;
      reason?: LinkUnusableReason;
    } = {},
  ) {
    super(message);
    this.name = 'AppError';
  }
}

export const httpStatusOf: Record<ErrorCode, number> = {
  VALIDATION: 400,
  UNAUTHENTICATED: 401,
  SESSION_EXPIRED: 401,
  MFA_REQUIRED: 401,
  MFA_ENROLLMENT_REQUIRED: 403,
  REAUTH_REQUIRED: 403,
  LINK_UNUSABLE: 410,
  THREAD_READ_ONLY: 409,
  IDEMPOTENCY_KEY_REUSED: 422,
  FORBIDDEN: 403,
  CSRF: 403,
  NOT_FOUND: 404,
  CONFLICT: 409,
  PAYLOAD_TOO_LARGE: 413,
  UNSUPPORTED_MEDIA_TYPE: 415,
  ACCOUNT_LOCKED: 423,
  RATE_LIMITED: 429,
  COOLDOWN: 429,
  INTERNAL: 500,
  UNAVAILABLE: 503,
};

export const notFound = (what: string) => new AppError('NOT_FOUND', `${what} was not found.`);
export const validation = (message: string, issues?: FieldIssue[]) =>
  new AppError('VALIDATION', message, issues ? { issues } : {});
