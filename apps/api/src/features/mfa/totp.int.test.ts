import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { MfaStatus, TotpEnrollment } from '@portico/contracts';
import { createTestApp, type TestApp } from '../../../test/harness.ts';
import { registeredPatient } from '../portal-accounts/test-support.ts';
import { secondFactorMethodsOf } from './queries.ts';
import { totpCodeAt } from './totp-rules.ts';
import { accountAudit, enrollTotp, factorRows, portalSessionOf } from './test-support.ts';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => t.close());

/** A registered patient with a fresh full session (password entered just now). */
async function signedInPatient() {
  const practice = await t.newPractice();
  const patient = await registeredPatient(t, practice);
  return { patient, client: await portalSessionOf(t, patient) };
}

const minutes = (n: number) => {
  t.clock.advanceSeconds(n * 60);
};

describe('TOTP enrollment', () => {
  it('starts with nothing set up', async () => {
    const { client } = await signedInPatient();
    const res = await client.get('/api/portal/mfa');
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json<MfaStatus>()).toEqual({
      totp: { enabled: false, createdAt: null },
      sms: { enabled: false, available: false, phone: null },
      passkeys: [],
      recoveryCodesLeft: 0,
      enrollmentRequired: false,
    });
  });

  it('gives a secret, an otpauth URL and a QR code, then confirms with a code and answers 10 recovery codes', async () => {
    const { patient, client } = await signedInPatient();
    const start = await client.post('/api/portal/mfa/totp');
    expect(start.statusCode, start.body).toBe(200);
    const enrollment = start.json<TotpEnrollment>();
    expect(enrollment.secret).toMatch(/^[A-Z2-7]{32}$/);
    expect(enrollment.otpauthUrl).toBe(
      `otpauth://totp/Portico:${encodeURIComponent(patient.email)}?issuer=Portico&secret=${enrollment.secret}&algorithm=SHA1&digits=6&period=30`,
    );
    expect(enrollment.qrSvg).toContain('<svg');
    // Not yet a factor: not offered at sign-in.
    expect(
      await t.db.system((tx) => secondFactorMethodsOf(tx, 'portal', patient.accountId)),
    ).toEqual([]);

    const confirm = await client.post('/api/portal/mfa/totp/confirm', {
      factorId: enrollment.factorId,
      code: totpCodeAt(enrollment.secret, t.clock.now()),
    });
    expect(confirm.statusCode, confirm.body).toBe(200);
    const { codes } = confirm.json<{ codes: string[] }>();
    expect(codes).toHaveLength(10);
    for (const code of codes) expect(code).toMatch(/^[a-z2-7]{5}-[a-z2-7]{5}$/);

    const status = (await client.get('/api/portal/mfa')).json<MfaStatus>();
    expect(status.totp).toEqual({ enabled: true, createdAt: t.clock.now().toISOString() });
    expect(status.recoveryCodesLeft).toBe(10);
    expect(
      await t.db.system((tx) => secondFactorMethodsOf(tx, 'portal', patient.accountId)),
    ).toEqual(['totp', 'recovery_code']);
    const actions = (await accountAudit(t, patient.accountId)).map((a) => a.action);
    expect(actions).toEqual(['mfa.totp_enrollment_started', 'mfa.totp_enabled']);
  });

  it('refuses a wrong code and changes nothing', async () => {
    const { patient, client } = await signedInPatient();
    const { factorId, secret } = (await client.post('/api/portal/mfa/totp')).json<TotpEnrollment>();
    const good = totpCodeAt(secret, t.clock.now());
    const wrong = String((Number(good) + 1) % 1_000_000).padStart(6, '0');
    const res = await client.post('/api/portal/mfa/totp/confirm', { factorId, code: wrong });
    expect(res.statusCode).toBe(400);
    expect(res.json()).toMatchObject({ code: 'VALIDATION', issues: [{ path: 'code' }] });
    const [row] = await factorRows(t, patient.accountId);
    expect(row?.confirmedAt).toBeNull();
    expect((await client.get('/api/portal/mfa')).json<MfaStatus>().recoveryCodesLeft).toBe(0);
  });

  it('refuses a code from two steps ago, accepts one from the previous step', async () => {
    const { client } = await signedInPatient();
    const { factorId, secret } = (await client.post('/api/portal/mfa/totp')).json<TotpEnrollment>();
    const now = t.clock.now().getTime();
    const old = await client.post('/api/portal/mfa/totp/confirm', {
      factorId,
      code: totpCodeAt(secret, new Date(now - 60_000)),
    });
    expect(old.statusCode).toBe(400);
    const previous = await client.post('/api/portal/mfa/totp/confirm', {
      factorId,
      code: totpCodeAt(secret, new Date(now - 30_000)),
    });
    expect(previous.statusCode, previous.body).toBe(200);
  });

  it('refuses malformed input, an unknown setup and another account’s setup', async () => {
    const { client } = await signedInPatient();
    const other = await signedInPatient();
    const theirs = (await other.client.post('/api/portal/mfa/totp')).json<TotpEnrollment>();
    const mine = (await client.post('/api/portal/mfa/totp')).json<TotpEnrollment>();
    const code = totpCodeAt(mine.secret, t.clock.now());
    for (const body of [
      { factorId: mine.factorId, code: '12a456' },
      { factorId: mine.factorId, code: '12345' },
      { factorId: 'nope', code },
      { factorId: mine.factorId, code, extra: 1 },
    ]) {
      const res = await client.post('/api/portal/mfa/totp/confirm', body);
      expect(res.statusCode, JSON.stringify(body)).toBe(400);
    }
    const unknown = await client.post('/api/portal/mfa/totp/confirm', {
      factorId: '00000000-0000-4000-8000-000000000000',
      code,
    });
    expect(unknown.statusCode).toBe(404);
    const foreign = await client.post('/api/portal/mfa/totp/confirm', {
      factorId: theirs.factorId,
      code: totpCodeAt(theirs.secret, t.clock.now()),
    });
    expect(foreign.statusCode).toBe(404);
    expect((await other.client.get('/api/portal/mfa')).json<MfaStatus>().totp.enabled).toBe(false);
  });

  it('refuses a second authenticator app while one is set up', async () => {
    const { client } = await signedInPatient();
    await enrollTotp(t, client);
    const res = await client.post('/api/portal/mfa/totp');
    expect(res.statusCode).toBe(409);
  });

  it('a new start replaces an unconfirmed setup', async () => {
    const { patient, client } = await signedInPatient();
    const first = (await client.post('/api/portal/mfa/totp')).json<TotpEnrollment>();
    const second = (await client.post('/api/portal/mfa/totp')).json<TotpEnrollment>();
    expect(second.secret).not.toBe(first.secret);
    expect((await factorRows(t, patient.accountId)).map((f) => f.id)).toEqual([second.factorId]);
  });

  it('needs the session to be signed in, with no second factor pending', async () => {
    const { patient } = await signedInPatient();
    const anonymous = await t.fastify.inject({ method: 'GET', url: '/api/portal/mfa' });
    expect(anonymous.statusCode).toBe(401);
    const pending = await portalSessionOf(t, patient, { mfaPending: true });
    const res = await pending.post('/api/portal/mfa/totp');
    expect(res.statusCode).toBe(401);
    expect(res.json()).toMatchObject({ code: 'MFA_REQUIRED' });
  });
});

describe('re-authentication (10 minutes)', () => {
  it('is needed to start an enrollment after 10 minutes', async () => {
    const { client } = await signedInPatient();
    minutes(11);
    const res = await client.post('/api/portal/mfa/totp');
    expect(res.statusCode).toBe(403);
    expect(res.json()).toMatchObject({ code: 'REAUTH_REQUIRED' });
  });

  it('is not needed to confirm an enrollment started within the window', async () => {
    const { client } = await signedInPatient();
    minutes(8);
    const { factorId, secret } = (await client.post('/api/portal/mfa/totp')).json<TotpEnrollment>();
    minutes(4); // 12 minutes since the password, 4 since the start
    const res = await client.post('/api/portal/mfa/totp/confirm', {
      factorId,
      code: totpCodeAt(secret, t.clock.now()),
    });
    expect(res.statusCode, res.body).toBe(200);
  });

  it('is needed to confirm an enrollment started over 10 minutes ago', async () => {
    const { client } = await signedInPatient();
    const { factorId, secret } = (await client.post('/api/portal/mfa/totp')).json<TotpEnrollment>();
    minutes(11);
    const res = await client.post('/api/portal/mfa/totp/confirm', {
      factorId,
      code: totpCodeAt(secret, t.clock.now()),
    });
    expect(res.statusCode).toBe(403);
    expect(res.json()).toMatchObject({ code: 'REAUTH_REQUIRED' });
  });

  it('is needed to remove the app or renew recovery codes', async () => {
    const { client } = await signedInPatient();
    await enrollTotp(t, client);
    minutes(11);
    for (const res of [
      await client.delete('/api/portal/mfa/totp'),
      await client.post('/api/portal/mfa/recovery-codes'),
    ]) {
      expect(res.statusCode).toBe(403);
      expect(res.json()).toMatchObject({ code: 'REAUTH_REQUIRED' });
    }
    expect((await client.get('/api/portal/mfa')).json<MfaStatus>().totp.enabled).toBe(true);
  });
});

describe('removal and recovery codes', () => {
  it('removes the app with its recovery codes; removing again is NOT_FOUND', async () => {
    const { patient, client } = await signedInPatient();
    await enrollTotp(t, client);
    const res = await client.delete('/api/portal/mfa/totp');
    expect(res.statusCode, res.body).toBe(200);
    const status = (await client.get('/api/portal/mfa')).json<MfaStatus>();
    expect(status.totp.enabled).toBe(false);
    expect(status.recoveryCodesLeft).toBe(0);
    expect(await factorRows(t, patient.accountId)).toEqual([]);
    expect((await client.delete('/api/portal/mfa/totp')).statusCode).toBe(404);
    expect((await accountAudit(t, patient.accountId)).map((a) => a.action)).toContain(
      'mfa.totp_removed',
    );
  });

  it('renews the 10 recovery codes (the old ones stop working) only when a factor is set up', async () => {
    const { patient, client } = await signedInPatient();
    expect((await client.post('/api/portal/mfa/recovery-codes')).statusCode).toBe(409);
    const { codes: oldCodes } = await enrollTotp(t, client);
    const res = await client.post('/api/portal/mfa/recovery-codes');
    expect(res.statusCode, res.body).toBe(200);
    const { codes } = res.json<{ codes: string[] }>();
    expect(codes).toHaveLength(10);
    expect(codes.some((c) => oldCodes.includes(c))).toBe(false);

    const pending = await portalSessionOf(t, patient, { mfaPending: true });
    const old = await pending.post('/api/portal/auth/mfa/verify', {
      method: 'recovery_code',
      code: oldCodes[0],
    });
    expect(old.statusCode).toBe(400);
    const fresh = await pending.post('/api/portal/auth/mfa/verify', {
      method: 'recovery_code',
      code: codes[0],
    });
    expect(fresh.statusCode, fresh.body).toBe(200);
  });
});
