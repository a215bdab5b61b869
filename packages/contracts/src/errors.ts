import { z } from 'zod';

/** The one error vocabulary of the API. Every error response carries one of these codes. */
export const errorCodes = [
  'VALIDATION',
  'UNAUTHENTICATED',
  'FORBIDDEN',
  'NOT_FOUND',
  'CONFLICT',
  'RATE_LIMITED',
  'COOLDOWN',
  'ACCOUNT_LOCKED',
  'PAYLOAD_TOO_LARGE',
  'UNSUPPORTED_MEDIA_TYPE',
  'CSRF',
  'SESSION_EXPIRED',
  'MFA_REQUIRED',
  /** Staff without a second factor must enroll one before anything else. */
  'MFA_ENROLLMENT_REQUIRED',
  /** A sensitive change needs the password (or a passkey) again within the last 10 minutes. */
  'REAUTH_REQUIRED',
  /** A registration or reset link that cannot be used; `reason` says why. */
  'LINK_UNUSABLE',
  /** A closed thread, or any thread of an end-dated patient, takes no more messages. */
  'THREAD_READ_ONLY',
  /** An Idempotency-Key reused with a different request (POLICY.md: 422). */
  'IDEMPOTENCY_KEY_REUSED',
  'UNAVAILABLE',
  'INTERNAL',
] as const;
export type ErrorCode = (typeof errorCodes)[number];

/** Why a link cannot be used. Says nothing about the patient. */
export const linkUnusableReasons = [
  'invalid',
  'expired',
  'superseded',
  'revoked',
  'used',
  'end_dated',
] as const;
export type LinkUnusableReason = (typeof linkUnusableReasons)[number];

export const fieldIssue = z.object({ path: z.string(), message: z.string() });
export type FieldIssue = z.infer<typeof fieldIssue>;

export const errorBody = z.object({
  code: z.enum(errorCodes),
  message: z.string(),
  requestId: z.string(),
  issues: z.array(fieldIssue).optional(),
  retryAfterSeconds: z.number().int().optional(),
  /** With LINK_UNUSABLE: invalid, expired, superseded, revoked or used. */
  reason: z.enum(linkUnusableReasons).optional(),
});
export type ErrorBody = z.infer<typeof errorBody>;
