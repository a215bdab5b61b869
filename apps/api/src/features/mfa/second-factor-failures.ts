import { signInRefused } from '../../platform/auth/password-step.ts';
import { eq, sql } from 'drizzle-orm';
import type { Tx } from '../../platform/db/database.ts';
import { AppError } from '../../platform/errors.ts';
import {
  afterFailedSignIn,
  afterSuccessfulSignIn,
  signInGate,
  type SignInGate,
  type SignInState,
} from '../../platform/auth/sign-in-rules.ts';
import { rateLimitBuckets } from '../../platform/http/rate-limit-table.ts';
// The sign-in slices own these tables; a second factor is the end of their sign-in.
import { portalAccounts, portalSessions } from '../portal-accounts/tables.ts';
import { staffSessions, staffUsers } from '../staff-auth/tables.ts';
import type { SubjectRef } from './factor-store.ts';
import {
  maxWrongSecondFactorCodes,
  secondFactorFailureKey,
  wrongCodeVerdict,
} from './second-factor-rules.ts';

/**
 * Wrong second-factor codes. Each one counts twice: on its pending session (`rate_limit_buckets`,
 * the 5th in a row ends the session) and as a failed sign-in on the account or staff row
 * (POLICY.md lockout: 10 in a row lock 15 minutes, 100 disable the password). A password step
 * that leads to a second factor does not reset the account's count; the second factor does.
 */

const accountTable = { staff: staffUsers, portal: portalAccounts } as const;
const sessionTable = { staff: staffSessions, portal: portalSessions } as const;

export const tooManyWrongCodes = () =>
  new AppError('SESSION_EXPIRED', 'Too many wrong codes. For your security, please sign in again.');

const signInEnded = () =>
  new AppError('SESSION_EXPIRED', 'This sign-in has ended. Please sign in again.');

async function wrongSoFar(tx: Tx, sessionId: string): Promise<number> {
  const [row] = await tx
    .select({ count: rateLimitBuckets.count })
    .from(rateLimitBuckets)
    .where(eq(rateLimitBuckets.key, secondFactorFailureKey(sessionId)));
  return row?.count ?? 0;
}

/** An attempt at the second factor that may compare a code: the account's state, locked. */
type SecondFactorAttempt =
  { allowed: true; state: SignInState } | { allowed: false; error: AppError };

/**
 * Before a code is compared: locks the account (or staff) row, then the pending session row
 * (the order a sign-in takes them), so attempts on one session or account run one after another.
 * Refused when the session has ended or already had its 5 wrong codes, or the account is locked.
 */
export async function beginSecondFactorAttempt(
  tx: Tx,
  s: SubjectRef,
  sessionId: string,
  now: Date,
): Promise<SecondFactorAttempt> {
  const account = accountTable[s.type];
  const [state] = await tx
    .select({
      failedSignIns: account.failedSignIns,
      lockedUntil: account.lockedUntil,
      passwordDisabled: account.passwordDisabled,
    })
    .from(account)
    .where(eq(account.id, s.id))
    .for('update');
  const session = sessionTable[s.type];
  const [open] = await tx
    .select({ endedAt: session.endedAt })
    .from(session)
    .where(eq(session.id, sessionId))
    .for('update');
  if (!state || !open) return { allowed: false, error: signInEnded() };
  if ((await wrongSoFar(tx, sessionId)) >= maxWrongSecondFactorCodes) {
    return { allowed: false, error: tooManyWrongCodes() };
  }
  if (open.endedAt) return { allowed: false, error: signInEnded() };
  const gate = signInGate(state, now);
  if (!gate.allowed) return { allowed: false, error: signInRefused(gate) };
  return { allowed: true, state };
}

/**
 * A wrong code (after `beginSecondFactorAttempt`): one more on the session and one more failed
 * sign-in on the account. Returns whether the session is now over, the tries left, and the
 * account's gate after this failure.
 */
export async function recordWrongSecondFactor(
  tx: Tx,
  s: SubjectRef,
  sessionId: string,
  state: SignInState,
  now: Date,
): Promise<{ endSession: boolean; triesLeft: number; gate: SignInGate }> {
  const account = accountTable[s.type];
  const next = afterFailedSignIn(state, now);
  await tx.update(account).set(next).where(eq(account.id, s.id));
  const [row] = await tx
    .insert(rateLimitBuckets)
    .values({ key: secondFactorFailureKey(sessionId), windowStartedAt: now, count: 1 })
    .onConflictDoUpdate({
      target: rateLimitBuckets.key,
      set: { count: sql`${rateLimitBuckets.count} + 1` },
    })
    .returning({ count: rateLimitBuckets.count });
  return { ...wrongCodeVerdict(row?.count ?? 1), gate: signInGate(next, now) };
}

/** The second factor was given: the session's wrong codes and the account's failures are forgotten. */
export async function secondFactorSucceeded(
  tx: Tx,
  s: SubjectRef,
  sessionId: string,
): Promise<void> {
  const account = accountTable[s.type];
  await tx.update(account).set(afterSuccessfulSignIn()).where(eq(account.id, s.id));
  await forgetWrongSecondFactors(tx, sessionId);
}

async function forgetWrongSecondFactors(tx: Tx, sessionId: string): Promise<void> {
  await tx
    .delete(rateLimitBuckets)
    .where(eq(rateLimitBuckets.key, secondFactorFailureKey(sessionId)));
}
