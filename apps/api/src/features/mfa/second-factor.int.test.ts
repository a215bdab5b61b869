import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import type { PortalMe } from '@portico/contracts';
import { createTestApp, type TestApp } from '../../../test/harness.ts';
import { registeredPatient, type RegisteredPatient } from '../portal-accounts/test-support.ts';
import { portalSessions } from '../portal-accounts/tables.ts';
import { totpCodeAt } from './totp-rules.ts';
import { accountAudit, enrollTotp, portalSessionOf } from './test-support.ts';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => t.close());

const verify = '/api/portal/auth/mfa/verify';

/** A patient with an authenticator app and recovery codes, and a session waiting for the second factor. */
async function patientAtSecondFactor() {
  const practice = await t.newPractice();
  const patient = await registeredPatient(t, practice);
  const { secret, codes } = await enrollTotp(t, await portalSessionOf(t, patient));
  // A later time step than the enrollment's code, as a real sign-in would be.
  t.clock.advanceSeconds(30);
  return {
    patient,
    secret,
    codes,
    pending: await portalSessionOf(t, patient, { mfaPending: true }),
  };
}

const sessionRow = async (patient: RegisteredPatient) =>
  t.db.system((tx) =>
    tx.select().from(portalSessions).where(eq(portalSessions.accountId, patient.accountId)),
  );

describe('the second factor at sign-in', () => {
  it('a pending session can do nothing but the second factor; the right code opens it and answers me', async () => {
    const { patient, secret, pending } = await patientAtSecondFactor();
    expect((await pending.get('/api/portal/mfa')).json()).toMatchObject({ code: 'MFA_REQUIRED' });
    const res = await pending.post(verify, {
      method: 'totp',
      code: totpCodeAt(secret, t.clock.now()),
    });
    expect(res.statusCode, res.body).toBe(200);
    const me = res.json<PortalMe>();
    expect(me.account).toEqual({ id: patient.accountId, email: patient.email });
    expect(me.patient?.id).toBe(patient.patientId);
    expect((await pending.get('/api/portal/mfa')).statusCode).toBe(200);
    const audit = await accountAudit(t, patient.accountId);
    expect(audit.at(-1)).toMatchObject({
      action: 'portal_auth.second_factor',
      outcome: 'success',
      details: { method: 'totp' },
    });
  });

  it('accepts each code once: the same code in the same step is refused for another sign-in', async () => {
    const { patient, secret, pending } = await patientAtSecondFactor();
    const code = totpCodeAt(secret, t.clock.now());
    expect((await pending.post(verify, { method: 'totp', code })).statusCode).toBe(200);
    const again = await portalSessionOf(t, patient, { mfaPending: true });
    const res = await again.post(verify, { method: 'totp', code });
    expect(res.statusCode).toBe(400);
    expect(res.json()).toMatchObject({ code: 'VALIDATION', issues: [{ path: 'code' }] });
    expect((await again.get('/api/portal/mfa')).json()).toMatchObject({ code: 'MFA_REQUIRED' });
  });

  it('refuses a code from two steps ago and accepts the next step’s', async () => {
    const { secret, pending } = await patientAtSecondFactor();
    const now = t.clock.now().getTime();
    const old = await pending.post(verify, {
      method: 'totp',
      code: totpCodeAt(secret, new Date(now - 60_000)),
    });
    expect(old.statusCode).toBe(400);
    const next = await pending.post(verify, {
      method: 'totp',
      code: totpCodeAt(secret, new Date(now + 30_000)),
    });
    expect(next.statusCode, next.body).toBe(200);
  });

  it('does not offer an unconfirmed authenticator app', async () => {
    const practice = await t.newPractice();
    const patient = await registeredPatient(t, practice);
    const full = await portalSessionOf(t, patient);
    const { secret } = (await full.post('/api/portal/mfa/totp')).json<{ secret: string }>();
    const pending = await portalSessionOf(t, patient, { mfaPending: true });
    const res = await pending.post(verify, {
      method: 'totp',
      code: totpCodeAt(secret, t.clock.now()),
    });
    expect(res.statusCode).toBe(400);
  });

  it('takes a recovery code once, whatever its case and dashes', async () => {
    const { patient, codes, pending } = await patientAtSecondFactor();
    const code = codes[3] ?? '';
    const typed = code.replace('-', '').toUpperCase();
    expect((await pending.post(verify, { method: 'recovery_code', code: typed })).statusCode).toBe(
      200,
    );
    const again = await portalSessionOf(t, patient, { mfaPending: true });
    expect((await again.post(verify, { method: 'recovery_code', code })).statusCode).toBe(400);
    expect((await again.post(verify, { method: 'recovery_code', code: codes[4] })).statusCode).toBe(
      200,
    );
    const status = await (await portalSessionOf(t, patient)).get('/api/portal/mfa');
    expect(status.json()).toMatchObject({ recoveryCodesLeft: 8 });
  });

  it('ends the pending session at the 5th wrong code in a row (sign in again)', async () => {
    const { patient, secret, pending } = await patientAtSecondFactor();
    for (let i = 1; i <= 4; i++) {
      const res = await pending.post(verify, { method: 'totp', code: '000000' });
      expect(res.statusCode).toBe(400);
      expect(res.json<{ message: string }>().message).toContain(
        5 - i === 1 ? '1 try left' : `${5 - i} tries left`,
      );
    }
    const fifth = await pending.post(verify, { method: 'recovery_code', code: 'aaaaa-aaaaa' });
    expect(fifth.statusCode).toBe(401);
    expect(fifth.json()).toMatchObject({ code: 'SESSION_EXPIRED' });
    expect(fifth.json<{ message: string }>().message).toMatch(/sign in again/i);
    expect(String(fifth.headers['set-cookie'])).toMatch(/portico_portal=;/);
    // The right code no longer helps: the session has ended.
    const late = await pending.post(verify, {
      method: 'totp',
      code: totpCodeAt(secret, t.clock.now()),
    });
    expect(late.statusCode).toBe(401);
    const rows = await sessionRow(patient);
    expect(rows.filter((r) => r.mfaPending).map((r) => r.endReason)).toEqual(['mfa_failed']);
    const failures = (await accountAudit(t, patient.accountId)).filter(
      (a) => a.action === 'portal_auth.second_factor' && a.outcome === 'failure',
    );
    expect(failures).toHaveLength(5);
  });

  it('a right code after wrong ones starts the count again', async () => {
    const { patient, secret, pending } = await patientAtSecondFactor();
    for (let i = 0; i < 4; i++) await pending.post(verify, { method: 'totp', code: '000000' });
    expect(
      (await pending.post(verify, { method: 'totp', code: totpCodeAt(secret, t.clock.now()) }))
        .statusCode,
    ).toBe(200);
    const next = await portalSessionOf(t, patient, { mfaPending: true });
    for (let i = 0; i < 4; i++) {
      expect((await next.post(verify, { method: 'totp', code: '000000' })).statusCode).toBe(400);
    }
  });

  it('refuses bad input without counting it, and needs a session', async () => {
    const { secret, pending } = await patientAtSecondFactor();
    for (const body of [
      { method: 'passkey', code: '123456' },
      { method: 'totp', code: '123' },
      { method: 'totp' },
      { method: 'totp', code: '123456', extra: true },
    ]) {
      expect((await pending.post(verify, body)).statusCode, JSON.stringify(body)).toBe(400);
    }
    const anonymous = await t.fastify.inject({
      method: 'POST',
      url: verify,
      payload: { method: 'totp', code: '123456' },
    });
    expect(anonymous.statusCode).toBe(401);
    // 4 refusals above did not count: 4 wrong codes still leave the session open.
    for (let i = 0; i < 4; i++) await pending.post(verify, { method: 'totp', code: '000000' });
    const ok = await pending.post(verify, {
      method: 'totp',
      code: totpCodeAt(secret, t.clock.now()),
    });
    expect(ok.statusCode, ok.body).toBe(200);
  });
});
