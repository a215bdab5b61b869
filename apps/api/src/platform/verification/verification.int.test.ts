import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/harness.ts';
import { AppError } from '../errors.ts';
import { challengeSummary, checkChallenge, issueChallenge, type ChallengeKey } from './service.ts';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => {
  await t.close();
});

const key = (): ChallengeKey => ({ purpose: 'mfa_sms_enroll', subjectId: randomUUID() });
const issue = (k: ChallengeKey, withLink = false) =>
  t.db.system((tx) =>
    issueChallenge(tx, { ...k, destination: '+15551234567', withLink }, t.clock.now()),
  );
/** Checks in a committed transaction, then throws like a route would. */
const verify = async (k: ChallengeKey, proof: { code: string } | { linkToken: string }) => {
  const check = await t.db.system((tx) => checkChallenge(tx, { ...k, ...proof }, t.clock.now()));
  if (!check.ok) throw check.error;
  return check.destination;
};
const errorOf = async (p: Promise<unknown>): Promise<AppError> => {
  try {
    await p;
  } catch (e) {
    if (e instanceof AppError) return e;
    throw e;
  }
  throw new Error('expected an AppError');
};
const wrong = (code: string) => (code === '000000' ? '111111' : '000000');

describe('verification challenges', () => {
  it('accepts the right code once (single use)', async () => {
    const k = key();
    const { code, linkToken } = await issue(k);
    expect(code).toMatch(/^\d{6}$/);
    expect(linkToken).toBeNull();
    expect(await verify(k, { code })).toBe('+15551234567');
    const again = await errorOf(verify(k, { code }));
    expect(again.code).toBe('VALIDATION');
    expect(again.message).toMatch(/already been used/);
  });

  it('counts wrong codes across a new code, then refuses with RATE_LIMITED', async () => {
    const k = key();
    const first = await issue(k);
    for (const left of [4, 3]) {
      const e = await errorOf(verify(k, { code: wrong(first.code) }));
      expect(e.code).toBe('VALIDATION');
      expect(e.details.issues?.[0]?.path).toBe('code');
      expect(e.message).toContain(`${left} tries left`);
    }
    t.clock.advanceSeconds(60);
    const second = await issue(k);
    const e = await errorOf(verify(k, { code: wrong(second.code) }));
    expect(e.message).toContain('2 tries left');
    await errorOf(verify(k, { code: wrong(second.code) }));
    const locked = await errorOf(verify(k, { code: wrong(second.code) }));
    expect(locked.code).toBe('RATE_LIMITED');
    expect(locked.details.retryAfterSeconds).toBe(3600);
    // Even the right code is refused while locked, and no new code can be sent.
    expect((await errorOf(verify(k, { code: second.code }))).code).toBe('RATE_LIMITED');
    t.clock.advanceSeconds(60);
    expect((await errorOf(issue(k))).code).toBe('RATE_LIMITED');
    // An hour after the last failure the tries are back.
    t.clock.advanceSeconds(3600);
    const third = await issue(k);
    expect(await verify(k, { code: third.code })).toBe('+15551234567');
  });

  it('refuses an expired code with a clear message', async () => {
    const k = key();
    const { code } = await issue(k);
    t.clock.advanceSeconds(600);
    const e = await errorOf(verify(k, { code }));
    expect(e.code).toBe('VALIDATION');
    expect(e.message).toMatch(/expired.*Request a new code/);
  });

  it('enforces 60 s between sends and 5 per hour', async () => {
    const k = key();
    await issue(k);
    t.clock.advanceSeconds(10);
    const cool = await errorOf(issue(k));
    expect(cool.code).toBe('COOLDOWN');
    expect(cool.details.retryAfterSeconds).toBe(50);
    for (let i = 0; i < 4; i++) {
      t.clock.advanceSeconds(60);
      await issue(k);
    }
    t.clock.advanceSeconds(60);
    const hourly = await errorOf(issue(k));
    expect(hourly.code).toBe('COOLDOWN');
    // The first send was 4 × 60 + 10 + 60 = 310 s ago.
    expect(hourly.details.retryAfterSeconds).toBe(3600 - 310);
    const summary = await t.db.system((tx) => challengeSummary(tx, k, t.clock.now()));
    expect(summary).toMatchObject({ pending: true, resendAfterSeconds: 3290, triesLeft: 5 });
  });

  it('accepts the one-click link of the newest code only', async () => {
    const k: ChallengeKey = { purpose: 'registration_email', subjectId: randomUUID() };
    const first = await issue(k, true);
    expect(first.linkToken).toEqual(expect.any(String));
    t.clock.advanceSeconds(60);
    const second = await issue(k, true);
    const stale = await errorOf(verify(k, { linkToken: first.linkToken ?? '' }));
    expect(stale.code).toBe('VALIDATION');
    expect(await verify(k, { linkToken: second.linkToken ?? '' })).toBe('+15551234567');
  });

  it('says so when no code was ever sent', async () => {
    const e = await errorOf(verify(key(), { code: '123456' }));
    expect(e.message).toMatch(/No code has been sent/);
  });
});
