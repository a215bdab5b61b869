/** Pure decisions of the outbox and job worker: backoff, dead-lettering, claims, failure text. */

import { isQueryError, queryErrorFacts } from '../query-errors.ts';

export interface RetryPolicy {
  baseDelaySeconds: number;
  maxDelaySeconds: number;
  /** The attempt with this number is the last; its failure dead-letters the row. */
  maxAttempts: number;
}

export const outboxRetryPolicy: RetryPolicy = {
  baseDelaySeconds: 30,
  maxDelaySeconds: 3600,
  maxAttempts: 8,
};

export const jobRetryPolicy: RetryPolicy = {
  baseDelaySeconds: 30,
  maxDelaySeconds: 3600,
  maxAttempts: 5,
};

/** How long a claimed row stays out of other workers' reach. Longer than any one delivery may take. */
export const claimLockSeconds = 60;

/** Rows claimed per poll. */
export const outboxBatchSize = 20;
export const jobBatchSize = 5;

/** 30 s × 2^(attempts − 1), capped: 30 s, 1 min, 2 min, 4 min … 1 h. */
export function retryDelaySeconds(attempts: number, policy: RetryPolicy): number {
  const exponent = Math.max(0, attempts - 1);
  return Math.min(policy.maxDelaySeconds, policy.baseDelaySeconds * 2 ** exponent);
}

export type FailureVerdict = { kind: 'retry'; nextAttemptAt: Date } | { kind: 'dead' };

/** What happens to a row whose attempt number `attempts` (1-based) just failed. */
export function afterFailure(attempts: number, now: Date, policy: RetryPolicy): FailureVerdict {
  if (attempts >= policy.maxAttempts) return { kind: 'dead' };
  return {
    kind: 'retry',
    nextAttemptAt: new Date(now.getTime() + retryDelaySeconds(attempts, policy) * 1000),
  };
}

/** The worker removes stale rate-limit buckets at most this often (each process). */
export const bucketSweepIntervalSeconds = 60;
/**
 * A swept bucket whose window started longer ago than this is deleted. Must stay at least the
 * longest window of any swept key (today: 60 s), or a sweep would reset a live count.
 */
export const bucketRetentionSeconds = 3600;
/**
 * Only these keys are swept: the per-IP fixed windows of `platform/http/rate-limit.ts`. Other
 * keys in the table are not windows that expire (staff-auth's `signin-fail:` counts carry over
 * until a successful sign-in), so a new kind of key is kept unless added here.
 */
export const sweptBucketPrefixes = ['ip:'] as const;

export function bucketSweepDue(lastSweptAt: Date | undefined, now: Date): boolean {
  return (
    lastSweptAt === undefined ||
    now.getTime() - lastSweptAt.getTime() >= bucketSweepIntervalSeconds * 1000
  );
}

export function bucketSweepCutoff(now: Date): Date {
  return new Date(now.getTime() - bucketRetentionSeconds * 1000);
}

export function lockedUntil(now: Date): Date {
  return new Date(now.getTime() + claimLockSeconds * 1000);
}

const maxFailureLength = 500;
const emailLike = /[^\s<>"'@,;]+@[^\s<>"'@,;]+/g;
// Seven or more digits joined by spaces, dashes or brackets (not dots: IP addresses stay readable).
const phoneLike = /\+?\(?\d[\d\s()-]{5,}\d/g;

/**
 * The text stored in `last_error` and written to logs: the error's message only, with anything
 * that looks like an email address or phone number removed (servers echo recipients), truncated.
 * Never the payload. A failed query gives its database message and SQLSTATE, never its SQL or
 * parameters (Drizzle's own message lists every bound value).
 */
export function failureMessage(error: unknown): string {
  if (!(error instanceof Error)) return 'Unknown failure';
  let message = error.message;
  if (isQueryError(error)) {
    const facts = queryErrorFacts(error);
    message = facts.code ? `${facts.message} (SQLSTATE ${facts.code})` : facts.message;
  }
  const cleaned = message
    .replace(emailLike, '[address]')
    .replace(phoneLike, (match) => (match.replace(/\D/g, '').length >= 7 ? '[number]' : match))
    .trim();
  return (cleaned || error.name).slice(0, maxFailureLength);
}
