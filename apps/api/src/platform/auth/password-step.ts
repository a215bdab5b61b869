import { AppError } from '../errors.ts';
import type { PasswordHasher } from './password-hash.ts';
import { signInGate, type SignInGate, type SignInState } from './sign-in-rules.ts';

/** The same words for an unknown email and a wrong password (POLICY.md enumeration). */
export const wrongCredentials = () =>
  new AppError('UNAUTHENTICATED', 'The email or password is incorrect.');

/** A locked or disabled password, in the same words whether or not the account exists. */
export const signInRefused = (gate: Exclude<SignInGate, { allowed: true }>) =>
  gate.reason === 'locked'
    ? new AppError(
        'ACCOUNT_LOCKED',
        `Too many failed sign-ins. Try again in ${Math.ceil(gate.retryAfterSeconds / 60)} minutes, or reset your password.`,
        { retryAfterSeconds: gate.retryAfterSeconds },
      )
    : new AppError(
        'ACCOUNT_LOCKED',
        'This password has been disabled after many failed sign-ins. Reset it to continue.',
      );

export interface PasswordStepInput<A extends SignInState & { id: string }> {
  hasher: PasswordHasher;
  /** The account with this email, if any (it may have no password yet). */
  account: (A & { passwordHash: string | null }) | undefined;
  /** The failure count kept for this email when it has no usable account. */
  unknownFailures: SignInState;
  password: string;
  now: Date;
  recordAccountFailure: (accountId: string) => Promise<void>;
  recordUnknownEmailFailure: () => Promise<void>;
}

/**
 * The password step of staff and portal sign-in. An email without a usable account answers
 * exactly like a real one with a wrong password: the same lockout gate (on its own failure
 * count), one Argon2 verification (against a dummy hash), one write per failure. Returns the
 * account once the password is right; the caller re-checks the gate on the locked row.
 */
export async function passwordStep<A extends SignInState & { id: string }>(
  input: PasswordStepInput<A>,
): Promise<{ account: A; gate: SignInGate }> {
  const { hasher, account, password, now } = input;
  const passwordHash = account?.passwordHash ?? null;
  const gate = signInGate(
    passwordHash ? (account ?? input.unknownFailures) : input.unknownFailures,
    now,
  );
  if (!gate.allowed) {
    await hasher.verifyAgainstDummy(password);
    throw signInRefused(gate);
  }
  const ok = passwordHash
    ? await hasher.verify(passwordHash, password)
    : await hasher.verifyAgainstDummy(password);
  if (!account || !passwordHash || !ok) {
    if (account && passwordHash) await input.recordAccountFailure(account.id);
    else await input.recordUnknownEmailFailure();
    throw wrongCredentials();
  }
  return { account, gate };
}
