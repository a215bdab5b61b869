import { describe, expect, it } from 'vitest';
import {
  activeFailures,
  afterWrongCode,
  codeExpiry,
  codeGate,
  codeHash,
  codesMatch,
  generateCode,
  recentSends,
  resendWaitSeconds,
  spokenDigits,
  triesLeft,
  verificationPolicy,
  wrongCodeMessage,
  type ChallengeState,
} from './rules.ts';

const now = new Date('2026-11-21T10:00:00Z');
const at = (seconds: number) => new Date(now.getTime() + seconds * 1000);
const fresh: ChallengeState = {
  expiresAt: at(600),
  failedAttempts: 0,
  lastFailureAt: null,
  usedAt: null,
};

describe('codes (POLICY.md: 6 digits, 10 minutes)', () => {
  it('generates 6 digits, zero-padded, from the injected random source', () => {
    expect(generateCode(() => 42)).toBe('000042');
    expect(generateCode(() => 999_999)).toBe('999999');
    expect(generateCode()).toMatch(/^\d{6}$/);
  });
  it('expires 10 minutes after it is sent', () => {
    expect(codeExpiry(now)).toEqual(new Date('2026-11-21T10:10:00Z'));
  });
  it('hashes with the challenge id as salt and compares exactly', () => {
    const hash = codeHash('challenge-a', '123456');
    expect(hash).not.toBe(codeHash('challenge-b', '123456'));
    expect(codesMatch(hash, 'challenge-a', '123456')).toBe(true);
    expect(codesMatch(hash, 'challenge-a', '123457')).toBe(false);
    expect(codesMatch(hash, 'challenge-b', '123456')).toBe(false);
  });
  it('reads the digits one by one for a voice call', () => {
    expect(spokenDigits('123456')).toBe('1 2 3 4 5 6');
  });
});

describe('the gate before a code is compared', () => {
  it('is open for a fresh, unexpired, unused code, with 5 tries', () => {
    expect(codeGate(fresh, now)).toEqual({ usable: true, triesLeft: 5 });
  });
  it('refuses an expired code (at exactly 10 minutes)', () => {
    expect(codeGate(fresh, at(599))).toEqual({ usable: true, triesLeft: 5 });
    expect(codeGate(fresh, at(600))).toEqual({ usable: false, reason: 'expired' });
  });
  it('refuses a code that was already used (single use)', () => {
    expect(codeGate({ ...fresh, usedAt: at(-5) }, now)).toEqual({
      usable: false,
      reason: 'used',
    });
  });
  it('refuses after 5 wrong codes until the last failure is an hour old', () => {
    let state = fresh;
    for (let i = 0; i < 4; i++) state = afterWrongCode(state, now);
    expect(codeGate(state, now)).toEqual({ usable: true, triesLeft: 1 });
    state = afterWrongCode(state, at(30));
    expect(state.failedAttempts).toBe(5);
    expect(codeGate(state, at(30))).toEqual({
      usable: false,
      reason: 'locked',
      retryAfterSeconds: 3600,
    });
    expect(codeGate(state, at(3629))).toEqual({
      usable: false,
      reason: 'locked',
      retryAfterSeconds: 1,
    });
    // After the hour the failures are forgiven (the code itself may have expired meanwhile).
    expect(activeFailures(state, at(3630))).toBe(0);
    expect(codeGate({ ...state, expiresAt: at(4000) }, at(3630))).toEqual({
      usable: true,
      triesLeft: 5,
    });
  });
  it('reports "locked" before "expired", so the wait is what the person is told', () => {
    let state = { ...fresh, expiresAt: at(-1) };
    for (let i = 0; i < 5; i++) state = afterWrongCode(state, now);
    expect(codeGate(state, now)).toMatchObject({ reason: 'locked' });
  });
});

describe('failures carry over to a new code (POLICY.md: a new code does not reset the tries)', () => {
  it('counts failures on the challenge, not the code', () => {
    let state = afterWrongCode(afterWrongCode(fresh, now), at(10));
    // A new code replaces the hash and the expiry only.
    state = { ...state, expiresAt: at(700), usedAt: null };
    expect(triesLeft(state, at(100))).toBe(3);
  });
  it('forgives failures once the last one is an hour old', () => {
    const state = afterWrongCode(fresh, now);
    expect(activeFailures(state, at(3599))).toBe(1);
    expect(activeFailures(state, at(3600))).toBe(0);
    // A failure after forgiveness starts again from one.
    expect(afterWrongCode(state, at(3601)).failedAttempts).toBe(1);
  });
  it('never reports fewer than zero tries', () => {
    const state = { ...fresh, failedAttempts: 9, lastFailureAt: now };
    expect(triesLeft(state, now)).toBe(0);
  });
  it('says how many tries are left', () => {
    expect(wrongCodeMessage(4)).toBe('That code is not right. You have 4 tries left.');
    expect(wrongCodeMessage(1)).toBe('That code is not right. You have 1 try left.');
  });
});

describe('resend (POLICY.md: at most every 60 s and 5 per hour)', () => {
  it('allows the first send at once', () => {
    expect(resendWaitSeconds([], now)).toBe(0);
  });
  it('waits 60 seconds after a send', () => {
    expect(resendWaitSeconds([now], at(1))).toBe(59);
    expect(resendWaitSeconds([now], at(59.5))).toBe(1);
    expect(resendWaitSeconds([now], at(60))).toBe(0);
  });
  it('allows 5 sends in an hour, then waits until the oldest leaves the hour', () => {
    const sends = [0, 60, 120, 180, 240].map(at);
    expect(resendWaitSeconds(sends.slice(0, 4), at(300))).toBe(0);
    expect(resendWaitSeconds(sends, at(300))).toBe(3300);
    expect(resendWaitSeconds(sends, at(3600))).toBe(0);
  });
  it('keeps only the sends of the last hour', () => {
    expect(recentSends([at(-3600), at(-3599), at(-10)], now)).toEqual([at(-3599), at(-10)]);
  });
  it('uses the policy numbers', () => {
    expect(verificationPolicy).toMatchObject({
      codeDigits: 6,
      codeLifetimeMinutes: 10,
      triesPerCode: 5,
      resendIntervalSeconds: 60,
      sendsPerHour: 5,
    });
  });
});
