/** POLICY.md "failed sign-ins": 10 in a row lock 15 minutes (count carries over); 100 disable the password. */
export const lockoutPolicy = { lockAfter: 10, lockMinutes: 15, disableAfter: 100 } as const;

export interface SignInState {
  failedSignIns: number;
  lockedUntil: Date | null;
  passwordDisabled: boolean;
}

export type SignInGate =
  | { allowed: true }
  | { allowed: false; reason: 'locked'; retryAfterSeconds: number }
  | { allowed: false; reason: 'disabled' };

export function signInGate(state: SignInState, now: Date): SignInGate {
  if (state.passwordDisabled) return { allowed: false, reason: 'disabled' };
  if (state.lockedUntil && state.lockedUntil > now) {
    return {
      allowed: false,
      reason: 'locked',
      retryAfterSeconds: Math.ceil((state.lockedUntil.getTime() - now.getTime()) / 1000),
    };
  }
  return { allowed: true };
}

/** The state after one more failed attempt. Every 10th failure in a row locks again. */
export function afterFailedSignIn(state: SignInState, now: Date): SignInState {
  const failedSignIns = state.failedSignIns + 1;
  const passwordDisabled = state.passwordDisabled || failedSignIns >= lockoutPolicy.disableAfter;
  const lockedUntil =
    failedSignIns % lockoutPolicy.lockAfter === 0
      ? new Date(now.getTime() + lockoutPolicy.lockMinutes * 60_000)
      : state.lockedUntil;
  return { failedSignIns, lockedUntil, passwordDisabled };
}

export function afterSuccessfulSignIn(): SignInState {
  return { failedSignIns: 0, lockedUntil: null, passwordDisabled: false };
}
