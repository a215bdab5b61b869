import { describe, expect, it } from 'vitest';
import {
  maxWrongSecondFactorCodes,
  secondFactorFailureKey,
  staffChangeNeedsSignIn,
  staffRouteAllowed,
  staffSecondFactorState,
  wrongCodeVerdict,
} from './second-factor-rules.ts';

describe('wrong second-factor codes at sign-in', () => {
  it('allows 4 wrong codes and ends the pending session at the 5th', () => {
    expect(maxWrongSecondFactorCodes).toBe(5);
    expect(wrongCodeVerdict(1)).toEqual({ endSession: false, triesLeft: 4 });
    expect(wrongCodeVerdict(4)).toEqual({ endSession: false, triesLeft: 1 });
    expect(wrongCodeVerdict(5)).toEqual({ endSession: true, triesLeft: 0 });
    expect(wrongCodeVerdict(9)).toEqual({ endSession: true, triesLeft: 0 });
  });

  it('counts per session under a key that never holds anything personal', () => {
    expect(secondFactorFailureKey('s-1')).toBe('mfa-fail:s-1');
  });
});

describe('staff second factor state (MFA is mandatory for staff)', () => {
  const at = new Date('2026-11-21T10:00:00Z');
  it('is satisfied once the session gave (or enrolled) a second factor', () => {
    expect(staffSecondFactorState({ secondFactorAt: at, hasFactor: true })).toBe('satisfied');
    expect(staffSecondFactorState({ secondFactorAt: at, hasFactor: false })).toBe('satisfied');
  });
  it('asks for the second factor when one is set up', () => {
    expect(staffSecondFactorState({ secondFactorAt: null, hasFactor: true })).toBe('required');
  });
  it('asks to set one up when there is none', () => {
    expect(staffSecondFactorState({ secondFactorAt: null, hasFactor: false })).toBe(
      'enrollment_required',
    );
  });
});

describe('what a staff session may reach before its second factor', () => {
  it('always: who am I, and sign out', () => {
    for (const state of ['required', 'enrollment_required'] as const) {
      expect(staffRouteAllowed(state, '/api/practice/auth/me')).toBe(true);
      expect(staffRouteAllowed(state, '/api/practice/auth/sign-out')).toBe(true);
      expect(staffRouteAllowed(state, '/api/practice/patients')).toBe(false);
    }
  });
  it('with a factor set up: only the second-factor step', () => {
    expect(staffRouteAllowed('required', '/api/practice/auth/mfa/verify')).toBe(true);
    expect(staffRouteAllowed('required', '/api/practice/mfa/totp')).toBe(false);
  });
  it('without one: only enrollment', () => {
    expect(staffRouteAllowed('enrollment_required', '/api/practice/mfa')).toBe(true);
    expect(staffRouteAllowed('enrollment_required', '/api/practice/mfa/totp/confirm')).toBe(true);
    expect(staffRouteAllowed('enrollment_required', '/api/practice/auth/mfa/verify')).toBe(false);
    expect(staffRouteAllowed('enrollment_required', '/api/practice/mfaX')).toBe(false);
  });
  it('a satisfied session reaches everything', () => {
    expect(staffRouteAllowed('satisfied', '/api/practice/patients')).toBe(true);
  });
});

describe('staff MFA changes need a recent password (POLICY.md: 10 minutes)', () => {
  const signedInAt = new Date('2026-11-21T10:00:00Z');
  const after = (minutes: number) => new Date(signedInAt.getTime() + minutes * 60_000);
  it('within 10 minutes of signing in: no', () => {
    expect(staffChangeNeedsSignIn(signedInAt, after(10))).toBe(false);
  });
  it('later: yes', () => {
    expect(staffChangeNeedsSignIn(signedInAt, after(10.01))).toBe(true);
  });
});
