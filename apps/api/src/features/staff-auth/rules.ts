import { hashToken } from '../../platform/tokens.ts';
import { lockoutPolicy, type SignInState } from '../../platform/auth/sign-in-rules.ts';

/**
 * Failed sign-ins for an email with no usable account are counted like a real account's
 * (POLICY.md: the answer must not reveal whether an account exists). They live in
 * `rate_limit_buckets` under this key; the email itself is never stored.
 */
export function signInFailureKey(email: string): string {
  return `signin-fail:${hashToken(email.toLowerCase())}`;
}

/** A `rate_limit_buckets` row holding an unknown email's failures. */
export interface FailureBucket {
  /** Failures in a row. */
  count: number;
  /** When the current lock started (from the 10th failure on); before that, the last failure. */
  windowStartedAt: Date;
}

const lockMs = lockoutPolicy.lockMinutes * 60_000;

export function unknownEmailState(bucket: FailureBucket | undefined): SignInState {
  const failedSignIns = bucket?.count ?? 0;
  return {
    failedSignIns,
    lockedUntil:
      bucket && failedSignIns >= lockoutPolicy.lockAfter
        ? new Date(bucket.windowStartedAt.getTime() + lockMs)
        : null,
    passwordDisabled: failedSignIns >= lockoutPolicy.disableAfter,
  };
}

/** The row for a state produced by `afterFailedSignIn` (once locked, `lockedUntil` stays set). */
export function unknownEmailBucket(state: SignInState, now: Date): FailureBucket {
  return {
    count: state.failedSignIns,
    windowStartedAt: state.lockedUntil ? new Date(state.lockedUntil.getTime() - lockMs) : now,
  };
}
