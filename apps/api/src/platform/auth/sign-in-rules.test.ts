import { describe, expect, it } from 'vitest';
import {
  afterFailedSignIn,
  afterSuccessfulSignIn,
  signInGate,
  type SignInState,
} from './sign-in-rules.ts';

const now = new Date('2026-11-21T10:00:00Z');
const fresh: SignInState = { failedSignIns: 0, lockedUntil: null, passwordDisabled: false };
const failTimes = (n: number, start = fresh, at = now) => {
  let s = start;
  for (let i = 0; i < n; i++) s = afterFailedSignIn(s, at);
  return s;
};

describe('lockout (POLICY.md: 10 in a row → 15 min; count carries over; 100 → password disabled)', () => {
  it('allows sign-in after 9 failures', () => {
    expect(signInGate(failTimes(9), now)).toEqual({ allowed: true });
  });
  it('locks for 15 minutes at the 10th failure', () => {
    const s = failTimes(10);
    expect(s.lockedUntil).toEqual(new Date('2026-11-21T10:15:00Z'));
    expect(signInGate(s, new Date('2026-11-21T10:14:59Z'))).toEqual({
      allowed: false,
      reason: 'locked',
      retryAfterSeconds: 1,
    });
    expect(signInGate(s, new Date('2026-11-21T10:15:00Z'))).toEqual({ allowed: true });
  });
  it('carries the count over: the 20th failure locks again', () => {
    const afterLock = failTimes(10);
    const later = new Date('2026-11-21T11:00:00Z');
    const s = failTimes(10, afterLock, later);
    expect(s.failedSignIns).toBe(20);
    expect(s.lockedUntil).toEqual(new Date('2026-11-21T11:15:00Z'));
  });
  it('disables the password at 100 failures in a row', () => {
    const s = failTimes(100);
    expect(s.passwordDisabled).toBe(true);
    expect(signInGate(s, new Date('2030-01-01T00:00:00Z'))).toEqual({
      allowed: false,
      reason: 'disabled',
    });
  });
  it('a success resets the count', () => {
    expect(afterSuccessfulSignIn()).toEqual(fresh);
  });
});
