/** Wrong second-factor codes in a row that end a session waiting for its second factor. */
export const maxWrongSecondFactorCodes = 5;

/** After the `wrongSoFar`-th wrong code of a pending sign-in: end it, or how many tries are left. */
export function wrongCodeVerdict(wrongSoFar: number): { endSession: boolean; triesLeft: number } {
  const triesLeft = Math.max(0, maxWrongSecondFactorCodes - wrongSoFar);
  return { endSession: triesLeft === 0, triesLeft };
}

/** The counter of wrong codes of one pending session (a `rate_limit_buckets` key: ids only). */
export function secondFactorFailureKey(sessionId: string): string {
  return `mfa-fail:${sessionId}`;
}

/** Where a staff session stands with its (mandatory) second factor. */
export type StaffSecondFactorState = 'satisfied' | 'required' | 'enrollment_required';

export function staffSecondFactorState(session: {
  secondFactorAt: Date | null;
  hasFactor: boolean;
}): StaffSecondFactorState {
  if (session.secondFactorAt) return 'satisfied';
  return session.hasFactor ? 'required' : 'enrollment_required';
}

const underPath = (url: string, prefix: string) => url === prefix || url.startsWith(`${prefix}/`);

/**
 * The console routes (by route pattern) a staff session may call before its second factor:
 * who am I and sign out always; then only the second-factor step, or only enrollment.
 */
export function staffRouteAllowed(state: StaffSecondFactorState, routeUrl: string): boolean {
  if (state === 'satisfied') return true;
  if (routeUrl === '/api/practice/auth/me' || routeUrl === '/api/practice/auth/sign-out') {
    return true;
  }
  return state === 'required'
    ? underPath(routeUrl, '/api/practice/auth/mfa')
    : underPath(routeUrl, '/api/practice/mfa');
}

/** POLICY.md: changing MFA needs the password within the last 10 minutes. */
const recentPasswordMinutes = 10;

/**
 * Staff have no re-authentication step: their password was entered when the session was signed
 * in, so a change to their factors more than 10 minutes later asks them to sign in again.
 */
export function staffChangeNeedsSignIn(signedInAt: Date, now: Date): boolean {
  return now.getTime() - signedInAt.getTime() > recentPasswordMinutes * 60_000;
}
