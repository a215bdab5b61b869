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

/** `YYYY-MM-DD` and `HH:mm` (24-hour) of an instant in an IANA time zone. */
function localDateAndTime(instant: Date, timeZone: string): { date: string; time: string } {
  const parts = new Intl.DateTimeFormat('en-US', {
    timeZone,
    hourCycle: 'h23',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
  }).formatToParts(instant);
  const part = (type: Intl.DateTimeFormatPartTypes) =>
    parts.find((p) => p.type === type)?.value ?? '';
  return {
    date: `${part('year')}-${part('month')}-${part('day')}`,
    time: `${part('hour')}:${part('minute')}`,
  };
}

function isTimeZone(timeZone: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone });
    return true;
  } catch {
    return false;
  }
}

/**
 * The notice sent when a staff account's password is set or changed (POLICY.md: completing a reset
 * notifies the account). It says when, in the practice's time zone, and carries no link and no PHI.
 * `firstPassword`: the account had no password before (an invitation was completed).
 */
export function passwordChangedEmail(facts: {
  changedAt: Date;
  timeZone: string;
  firstPassword?: boolean;
}): {
  subject: string;
  text: string;
} {
  const timeZone = isTimeZone(facts.timeZone) ? facts.timeZone : 'UTC';
  const { date, time } = localDateAndTime(facts.changedAt, timeZone);
  const what = facts.firstPassword ? 'set' : 'changed';
  return {
    subject: `Your Portico password was ${what}`,
    text: [
      `The Portico password for this account was ${what} on ${date} at ${time} (${timeZone}).`,
      'Every session on this account has been signed out.',
      '',
      `If you did not ${facts.firstPassword ? 'set' : 'change'} it, contact your practice administrator right away.`,
    ].join('\n'),
  };
}
