import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ErrorBody, RegistrationState } from '@portico/contracts';
import { createTestApp, type TestApp, type TestPractice } from '../../../test/harness.ts';
import { auditRows, staffClient, type StaffClient } from '../patients/test-support.ts';
import {
  accountStep,
  invitationOf,
  invitedPatient,
  latestCode,
  registrationCall,
  registrationMessages,
  registrationRow,
  throughEmail,
  wrongCode,
} from './test-support.ts';

let t: TestApp;
let practice: TestPractice;
let admin: StaffClient;

beforeAll(async () => {
  t = await createTestApp();
  practice = await t.newPractice(['admin']);
  admin = staffClient(t, practice.cookie);
});
afterAll(async () => t.close());

async function atEmailStep() {
  const inv = await invitedPatient(t, practice.practiceId, admin);
  const res = await registrationCall(t, 'account', accountStep(inv.token, inv.email));
  expect(res.statusCode, res.body).toBe(200);
  const invitationId = (await invitationOf(t, inv.patientId))?.id ?? '';
  const code = async () => latestCode(t, practice.practiceId, invitationId, 'email');
  return { ...inv, invitationId, code };
}

describe('date of birth on step 1', () => {
  it('counts wrong dates of birth per link; after 5 the link stops accepting them', async () => {
    const inv = await invitedPatient(t, practice.practiceId, admin);
    for (const left of [4, 3, 2, 1]) {
      const res = await registrationCall(
        t,
        'account',
        accountStep(inv.token, inv.email, { dateOfBirth: '1980-04-13' }),
      );
      expect(res.statusCode).toBe(400);
      expect(res.json<ErrorBody>()).toMatchObject({
        code: 'VALIDATION',
        issues: [{ path: 'dateOfBirth' }],
      });
      expect(res.json<ErrorBody>().message).toContain(
        `${left} ${left === 1 ? 'try' : 'tries'} left`,
      );
    }
    const fifth = await registrationCall(
      t,
      'account',
      accountStep(inv.token, inv.email, { dateOfBirth: '1981-01-01' }),
    );
    expect(fifth.statusCode).toBe(403);
    expect(fifth.json<ErrorBody>().message).toMatch(/contact the practice/);
    // Even the right date of birth is refused now, and nothing was sent.
    const right = await registrationCall(t, 'account', accountStep(inv.token, inv.email));
    expect(right.statusCode).toBe(403);
    const state = await registrationCall(t, 'status', { token: inv.token });
    expect(state.json<RegistrationState>()).toMatchObject({
      step: 'create_account',
      dateOfBirthTriesLeft: 0,
    });
    const id = (await invitationOf(t, inv.patientId))?.id ?? '';
    expect(await registrationMessages(t, practice.practiceId, id)).toHaveLength(0);
    const failures = await auditRows(t, practice.practiceId, 'registration.date_of_birth');
    expect(failures.filter((a) => a.patientId === inv.patientId)).toHaveLength(5);
    // A new invitation (a new link) starts afresh.
  });
});

describe('email codes', () => {
  it('says how many tries are left, keeps the count across a new code, then refuses (429)', async () => {
    const inv = await atEmailStep();
    const first = await inv.code();
    for (const left of [4, 3]) {
      const res = await registrationCall(t, 'email/verify', {
        token: inv.token,
        code: wrongCode(first.code),
      });
      expect(res.statusCode).toBe(400);
      expect(res.json<ErrorBody>().issues?.[0]?.path).toBe('code');
      expect(res.json<ErrorBody>().message).toContain(`${left} tries left`);
    }
    t.clock.advanceSeconds(60);
    const resend = await registrationCall(t, 'email/resend', { token: inv.token });
    expect(resend.statusCode, resend.body).toBe(200);
    const second = await inv.code();
    expect(second.code === first.code && second.linkToken === first.linkToken).toBe(false);
    const third = await registrationCall(t, 'email/verify', {
      token: inv.token,
      code: wrongCode(second.code),
    });
    expect(third.json<ErrorBody>().message).toContain('2 tries left');
    await registrationCall(t, 'email/verify', { token: inv.token, code: wrongCode(second.code) });
    const fifth = await registrationCall(t, 'email/verify', {
      token: inv.token,
      code: wrongCode(second.code),
    });
    expect(fifth.statusCode).toBe(429);
    expect(fifth.json<ErrorBody>()).toMatchObject({
      code: 'RATE_LIMITED',
      retryAfterSeconds: 3600,
    });
    const right = await registrationCall(t, 'email/verify', {
      token: inv.token,
      code: second.code,
    });
    expect(right.statusCode).toBe(429);
    expect((await registrationRow(t, inv.invitationId))?.emailVerifiedAt).toBeNull();
  });

  it('refuses an expired code and asks for a new one', async () => {
    const inv = await atEmailStep();
    const { code } = await inv.code();
    t.clock.advanceSeconds(10 * 60);
    const res = await registrationCall(t, 'email/verify', { token: inv.token, code });
    expect(res.statusCode).toBe(400);
    expect(res.json<ErrorBody>().message).toMatch(/expired.*Request a new code/);
    await registrationCall(t, 'email/resend', { token: inv.token });
    const fresh = await inv.code();
    const ok = await registrationCall(t, 'email/verify', { token: inv.token, code: fresh.code });
    expect(ok.statusCode, ok.body).toBe(200);
  });

  it('allows a resend every 60 s and 5 per hour, and says how long to wait', async () => {
    const inv = await atEmailStep();
    const early = await registrationCall(t, 'email/resend', { token: inv.token });
    expect(early.statusCode).toBe(429);
    expect(early.json<ErrorBody>()).toMatchObject({ code: 'COOLDOWN', retryAfterSeconds: 60 });
    expect(early.headers['retry-after']).toBe('60');
    for (let i = 0; i < 4; i++) {
      t.clock.advanceSeconds(60);
      const res = await registrationCall(t, 'email/resend', { token: inv.token });
      expect(res.statusCode, res.body).toBe(200);
    }
    t.clock.advanceSeconds(60);
    const sixth = await registrationCall(t, 'email/resend', { token: inv.token });
    expect(sixth.json<ErrorBody>()).toMatchObject({
      code: 'COOLDOWN',
      retryAfterSeconds: 3600 - 300,
    });
    const state = await registrationCall(t, 'status', { token: inv.token });
    expect(state.json<RegistrationState>().resendAfterSeconds).toBe(3300);
    expect(await registrationMessages(t, practice.practiceId, inv.invitationId)).toHaveLength(5);
  });

  it('allows step 1 again before the email is verified (new address, new code, cooldown applies)', async () => {
    const inv = await atEmailStep();
    const other = `other-${inv.email}`;
    const tooSoon = await registrationCall(t, 'account', accountStep(inv.token, other));
    expect(tooSoon.json<ErrorBody>().code).toBe('COOLDOWN');
    expect((await registrationRow(t, inv.invitationId))?.email).toBe(inv.email);
    t.clock.advanceSeconds(60);
    const res = await registrationCall(t, 'account', accountStep(inv.token, other));
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json<RegistrationState>().email).toBe(other);
    const { to, code } = await inv.code();
    expect(to).toBe(other);
    const ok = await registrationCall(t, 'email/verify', { token: inv.token, code });
    expect(ok.statusCode, ok.body).toBe(200);
  });
});

describe('phone codes', () => {
  it('sends to a new number by voice with the digits read one by one', async () => {
    const inv = await invitedPatient(t, practice.practiceId, admin);
    await throughEmail(t, practice.practiceId, inv);
    const res = await registrationCall(t, 'phone/send', {
      token: inv.token,
      channel: 'voice',
      phone: '+1 555 777 1298',
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json<RegistrationState>().phoneCodeSentTo).toBe('••• ••• ••98');
    const id = (await invitationOf(t, inv.patientId))?.id ?? '';
    const [message] = await registrationMessages(t, practice.practiceId, id);
    expect(message?.payload).toMatchObject({ channel: 'sms', to: '+1 555 777 1298', voice: true });
    expect(message?.payload.text).toMatch(/^Your Portico code is \d \d \d \d \d \d\./);
  });

  it('refuses a wrong phone code with the tries left and completes with the right one', async () => {
    const inv = await invitedPatient(t, practice.practiceId, admin);
    await throughEmail(t, practice.practiceId, inv);
    await registrationCall(t, 'phone/send', { token: inv.token, channel: 'sms' });
    const id = (await invitationOf(t, inv.patientId))?.id ?? '';
    const { code } = await latestCode(t, practice.practiceId, id, 'sms');
    const wrong = await registrationCall(t, 'phone/verify', {
      token: inv.token,
      code: wrongCode(code),
    });
    expect(wrong.statusCode).toBe(400);
    expect(wrong.json<ErrorBody>().message).toContain('4 tries left');
    expect((await registrationRow(t, id))?.completedAt).toBeNull();
    const ok = await registrationCall(t, 'phone/verify', { token: inv.token, code });
    expect(ok.statusCode, ok.body).toBe(200);
  });

  it('completes once when the last step is sent twice at the same time', async () => {
    const inv = await invitedPatient(t, practice.practiceId, admin);
    await throughEmail(t, practice.practiceId, inv);
    await registrationCall(t, 'phone/send', { token: inv.token, channel: 'sms' });
    const id = (await invitationOf(t, inv.patientId))?.id ?? '';
    const { code } = await latestCode(t, practice.practiceId, id, 'sms');
    const results = await Promise.all(
      [1, 2].map(() => registrationCall(t, 'phone/verify', { token: inv.token, code })),
    );
    expect(results.map((r) => r.statusCode).sort()).toEqual([200, 410]);
    const gone = results.find((r) => r.statusCode === 410);
    expect(gone?.json<ErrorBody>().reason).toBe('used');
  });

  it('refuses a malformed number', async () => {
    const inv = await invitedPatient(t, practice.practiceId, admin);
    await throughEmail(t, practice.practiceId, inv);
    const res = await registrationCall(t, 'phone/send', {
      token: inv.token,
      channel: 'sms',
      phone: 'call me maybe',
    });
    expect(res.statusCode).toBe(400);
  });
});
