import { describe, expect, it } from 'vitest';
import {
  afterFailedSignIn,
  signInGate,
  type SignInState,
} from '../../platform/auth/sign-in-rules.ts';
import {
  passwordChangedEmail,
  signInFailureKey,
  unknownEmailBucket,
  unknownEmailState,
} from './rules.ts';

const t0 = new Date('2026-11-21T10:00:00Z');
const minutes = (n: number) => new Date(t0.getTime() + n * 60_000);

describe('unknown-email failure counter (same lockout as a real account)', () => {
  it('keys on the SHA-256 of the lowercased email, never the email itself', () => {
    const key = signInFailureKey('Dana@Lakeside.Example');
    expect(key).toBe(signInFailureKey('dana@lakeside.example'));
    expect(key).toMatch(/^signin-fail:[0-9a-f]{64}$/);
    expect(key).not.toContain('lakeside');
  });

  it('starts with no failures', () => {
    expect(unknownEmailState(undefined)).toEqual({
      failedSignIns: 0,
      lockedUntil: null,
      passwordDisabled: false,
    });
  });

  it('stored and read back, follows afterFailedSignIn exactly for 120 failures', () => {
    let direct: SignInState = unknownEmailState(undefined);
    let stored = unknownEmailBucket(direct, t0);
    for (let i = 1; i <= 120; i++) {
      // Each failure arrives when the previous lock (if any) has passed, as the gate allows.
      const now = minutes(i * 16);
      direct = afterFailedSignIn(direct, now);
      stored = unknownEmailBucket(afterFailedSignIn(unknownEmailState(stored), now), now);
      expect(unknownEmailState(stored)).toEqual(direct);
      expect(signInGate(unknownEmailState(stored), now)).toEqual(signInGate(direct, now));
    }
  });

  it('locks 15 minutes at the 10th failure, including failures that raced past the gate', () => {
    let s = unknownEmailState(undefined);
    for (let i = 0; i < 12; i++)
      s = unknownEmailState(unknownEmailBucket(afterFailedSignIn(s, t0), t0));
    expect(s.failedSignIns).toBe(12);
    expect(signInGate(s, t0)).toEqual({ allowed: false, reason: 'locked', retryAfterSeconds: 900 });
  });

  it('disables at 100 failures, like a real account', () => {
    const s = unknownEmailState({ count: 100, windowStartedAt: t0 });
    expect(signInGate(s, minutes(60 * 24 * 365))).toEqual({ allowed: false, reason: 'disabled' });
  });
});

describe('passwordChangedEmail (POLICY.md: completing a reset notifies the account)', () => {
  it('says when, in the practice time zone, and who to contact; no link', () => {
    const email = passwordChangedEmail({ changedAt: t0, timeZone: 'America/Chicago' });
    expect(email.subject).toBe('Your Portico password was changed');
    expect(email.text).toContain('was changed on 2026-11-21 at 04:00 (America/Chicago)');
    expect(email.text).toContain('contact your practice administrator');
    expect(email.text).not.toMatch(/https?:|www\./);
  });

  it('uses 24-hour local time across the date line and falls back to UTC', () => {
    const late = new Date('2026-07-01T03:30:00Z');
    expect(
      passwordChangedEmail({ changedAt: late, timeZone: 'America/Los_Angeles' }).text,
    ).toContain('on 2026-06-30 at 20:30 (America/Los_Angeles)');
    expect(passwordChangedEmail({ changedAt: late, timeZone: 'Not/AZone' }).text).toContain(
      'on 2026-07-01 at 03:30 (UTC)',
    );
  });

  it('says "set" when the account had no password before (an invitation)', () => {
    const email = passwordChangedEmail({ changedAt: t0, timeZone: 'UTC', firstPassword: true });
    expect(email.subject).toBe('Your Portico password was set');
    expect(email.text).toContain('was set on 2026-11-21 at 10:00 (UTC)');
    expect(email.text).toContain('If you did not set it, contact your practice administrator');
  });
});
