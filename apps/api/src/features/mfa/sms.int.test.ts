import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { desc, eq } from 'drizzle-orm';
import type { FactorAddedResult, MfaStatus, SmsCodeSent } from '@portico/contracts';
import { createTestApp, type TestApp } from '../../../test/harness.ts';
import { outbox } from '../../platform/outbox/tables.ts';
import { registeredPatient } from '../portal-accounts/test-support.ts';
import { secondFactorMethodsOf } from './queries.ts';
import { accountAudit, enrollTotp, lastSmsCode, portalSessionOf } from './test-support.ts';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => t.close());

let phoneSeq = 0;
async function patientWithPhone(phone: string | null = `+1555555${String(1000 + ++phoneSeq)}`) {
  const practice = await t.newPractice();
  const patient = await registeredPatient(t, practice, { phone });
  return { patient, phone: phone ?? '', client: await portalSessionOf(t, patient) };
}

const wrongOf = (code: string) => String((Number(code) + 1) % 1_000_000).padStart(6, '0');

describe('turning on SMS sign-in', () => {
  it('needs a verified phone', async () => {
    const { client } = await patientWithPhone(null);
    expect((await client.get('/api/portal/mfa')).json<MfaStatus>().sms).toEqual({
      enabled: false,
      available: false,
      phone: null,
    });
    const res = await client.post('/api/portal/mfa/sms');
    expect(res.statusCode).toBe(409);
  });

  it('texts a code, refuses a wrong one, turns on with the right one (first factor: recovery codes)', async () => {
    const { patient, phone, client } = await patientWithPhone();
    expect((await client.get('/api/portal/mfa')).json<MfaStatus>().sms).toEqual({
      enabled: false,
      available: true,
      phone: `••• ••• ••${phone.slice(-2)}`,
    });
    const sent = await client.post('/api/portal/mfa/sms');
    expect(sent.statusCode, sent.body).toBe(200);
    expect(sent.json<SmsCodeSent>()).toEqual({
      to: `••• ••• ••${phone.slice(-2)}`,
      resendAfterSeconds: 60,
    });
    const code = await lastSmsCode(t, phone);
    const [message] = await t.db.system((tx) =>
      tx.select().from(outbox).where(eq(outbox.channel, 'sms')).orderBy(desc(outbox.id)).limit(1),
    );
    expect(message?.payload.text).not.toContain(patient.email);

    const wrong = await client.post('/api/portal/mfa/sms/confirm', { code: wrongOf(code) });
    expect(wrong.statusCode).toBe(400);
    expect((await client.get('/api/portal/mfa')).json<MfaStatus>().sms.enabled).toBe(false);

    const res = await client.post('/api/portal/mfa/sms/confirm', { code });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json<FactorAddedResult>().recoveryCodes).toHaveLength(10);
    expect((await client.get('/api/portal/mfa')).json<MfaStatus>().sms.enabled).toBe(true);
    expect(
      await t.db.system((tx) => secondFactorMethodsOf(tx, 'portal', patient.accountId)),
    ).toEqual(['sms', 'recovery_code']);
    const actions = (await accountAudit(t, patient.accountId)).map((a) => a.action);
    expect(actions).toEqual(['mfa.sms_enrollment_started', 'mfa.sms_enabled']);
  });

  it('keeps the recovery codes already issued when it is not the first factor', async () => {
    const { phone, client } = await patientWithPhone();
    await enrollTotp(t, client);
    await client.post('/api/portal/mfa/sms');
    const res = await client.post('/api/portal/mfa/sms/confirm', {
      code: await lastSmsCode(t, phone),
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json<FactorAddedResult>().recoveryCodes).toBeNull();
    expect((await client.get('/api/portal/mfa')).json<MfaStatus>().recoveryCodesLeft).toBe(10);
  });

  it('waits 60 seconds between codes', async () => {
    const { client } = await patientWithPhone();
    expect((await client.post('/api/portal/mfa/sms')).statusCode).toBe(200);
    const again = await client.post('/api/portal/mfa/sms');
    expect(again.statusCode).toBe(429);
    expect(again.json()).toMatchObject({ code: 'COOLDOWN', retryAfterSeconds: 60 });
    t.clock.advanceSeconds(60);
    expect((await client.post('/api/portal/mfa/sms')).statusCode).toBe(200);
  });

  it('refuses a confirmation with no code sent, and malformed codes', async () => {
    const { client } = await patientWithPhone();
    expect((await client.post('/api/portal/mfa/sms/confirm', { code: '123456' })).statusCode).toBe(
      409,
    );
    await client.post('/api/portal/mfa/sms');
    for (const code of ['12345', 'abcdef', '1234567']) {
      expect((await client.post('/api/portal/mfa/sms/confirm', { code })).statusCode).toBe(400);
    }
  });

  it('needs a recent password to start and to turn off', async () => {
    const { phone, client } = await patientWithPhone();
    await client.post('/api/portal/mfa/sms');
    await client.post('/api/portal/mfa/sms/confirm', { code: await lastSmsCode(t, phone) });
    t.clock.advanceSeconds(11 * 60);
    const off = await client.delete('/api/portal/mfa/sms');
    expect(off.statusCode).toBe(403);
    expect(off.json()).toMatchObject({ code: 'REAUTH_REQUIRED' });
    const fresh = await patientWithPhone();
    t.clock.advanceSeconds(11 * 60);
    expect((await fresh.client.post('/api/portal/mfa/sms')).statusCode).toBe(403);
  });

  it('turns off (with the recovery codes when it was the only factor)', async () => {
    const { patient, phone, client } = await patientWithPhone();
    await client.post('/api/portal/mfa/sms');
    await client.post('/api/portal/mfa/sms/confirm', { code: await lastSmsCode(t, phone) });
    expect((await client.delete('/api/portal/mfa/sms')).statusCode).toBe(200);
    const status = (await client.get('/api/portal/mfa')).json<MfaStatus>();
    expect(status.sms.enabled).toBe(false);
    expect(status.recoveryCodesLeft).toBe(0);
    expect((await client.delete('/api/portal/mfa/sms')).statusCode).toBe(404);
    expect((await accountAudit(t, patient.accountId)).map((a) => a.action)).toContain(
      'mfa.sms_removed',
    );
  });
});

describe('SMS at sign-in', () => {
  async function pendingWithSms() {
    const { patient, phone, client } = await patientWithPhone();
    await client.post('/api/portal/mfa/sms');
    await client.post('/api/portal/mfa/sms/confirm', { code: await lastSmsCode(t, phone) });
    t.clock.advanceSeconds(61);
    return { patient, phone, pending: await portalSessionOf(t, patient, { mfaPending: true }) };
  }

  it('texts a sign-in code that completes the second factor once', async () => {
    const { patient, phone, pending } = await pendingWithSms();
    const sent = await pending.post('/api/portal/auth/mfa/sms');
    expect(sent.statusCode, sent.body).toBe(200);
    const code = await lastSmsCode(t, phone);
    const wrong = await pending.post('/api/portal/auth/mfa/verify', {
      method: 'sms',
      code: wrongOf(code),
    });
    expect(wrong.statusCode).toBe(400);
    expect(wrong.json<{ message: string }>().message).toContain('4 tries left');
    const ok = await pending.post('/api/portal/auth/mfa/verify', { method: 'sms', code });
    expect(ok.statusCode, ok.body).toBe(200);
    const second = await portalSessionOf(t, patient, { mfaPending: true });
    const reused = await second.post('/api/portal/auth/mfa/verify', { method: 'sms', code });
    expect(reused.statusCode).toBe(400);
  });

  it('is refused for an account without SMS sign-in', async () => {
    const { patient } = await patientWithPhone();
    const pending = await portalSessionOf(t, patient, { mfaPending: true });
    expect((await pending.post('/api/portal/auth/mfa/sms')).statusCode).toBe(409);
    const res = await pending.post('/api/portal/auth/mfa/verify', {
      method: 'sms',
      code: '123456',
    });
    expect(res.statusCode).toBe(400);
  });

  it('keeps the 60-second wait between sign-in codes', async () => {
    const { pending } = await pendingWithSms();
    expect((await pending.post('/api/portal/auth/mfa/sms')).statusCode).toBe(200);
    expect((await pending.post('/api/portal/auth/mfa/sms')).statusCode).toBe(429);
  });
});
