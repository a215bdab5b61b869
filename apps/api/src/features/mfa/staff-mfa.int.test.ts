import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { randomUUID } from 'node:crypto';
import type { InjectOptions } from 'fastify';
import type { FactorAddedResult, MfaStatus, StaffMe, TotpEnrollment } from '@portico/contracts';
import { createTestApp, testPassword, type TestApp } from '../../../test/harness.ts';
import { hashPassword } from '../../platform/auth/password-hash.ts';
import { auditRows } from '../patients/test-support.ts';
import { cookieOf, randomIp } from '../portal-accounts/test-support.ts';
import { totpCodeAt } from './totp-rules.ts';
import { softAuthenticator } from './webauthn-test-support.ts';

let t: TestApp;
let passwordHash: string;
beforeAll(async () => {
  t = await createTestApp();
  passwordHash = await hashPassword(testPassword);
});
afterAll(async () => t.close());

const origin = 'http://portico.test';

function client(cookie: string) {
  const ip = randomIp();
  const send = (method: InjectOptions['method'], url: string, payload?: unknown) =>
    t.fastify.inject({
      method,
      url,
      headers: { cookie },
      remoteAddress: ip,
      ...(payload === undefined ? {} : { payload: payload as InjectOptions['payload'] }),
    });
  return {
    get: (url: string) => send('GET', url),
    post: (url: string, payload?: unknown) => send('POST', url, payload ?? {}),
    delete: (url: string) => send('DELETE', url),
  };
}
type Client = ReturnType<typeof client>;

/** A staff member with a password and no second factor yet (as every existing one after the upgrade). */
async function newStaffMember() {
  const practice = await t.newPractice();
  const email = `clinician-${randomUUID().slice(0, 8)}@example.com`;
  const userId = await t.context.services.practices.addStaff(practice.practiceId, {
    email,
    displayName: 'New Clinician',
    role: 'clinician',
    passwordHash,
  });
  return { practice, email, userId };
}

async function passwordSignIn(email: string) {
  const res = await t.fastify.inject({
    method: 'POST',
    url: '/api/practice/auth/sign-in',
    payload: { email, password: testPassword },
    remoteAddress: randomIp(),
  });
  expect(res.statusCode, res.body).toBe(200);
  return { me: res.json<StaffMe>(), staff: client(cookieOf(res)) };
}

async function enrollTotp(staff: Client) {
  const { factorId, secret } = (await staff.post('/api/practice/mfa/totp')).json<TotpEnrollment>();
  const res = await staff.post('/api/practice/mfa/totp/confirm', {
    factorId,
    code: totpCodeAt(secret, t.clock.now()),
  });
  expect(res.statusCode, res.body).toBe(200);
  return { secret, codes: res.json<{ codes: string[] }>().codes };
}

describe('staff without a second factor: enrollment first', () => {
  it('signs in to a session that can only enroll, then the whole console opens', async () => {
    const { email } = await newStaffMember();
    const { me, staff } = await passwordSignIn(email);
    expect(me.session.secondFactorSatisfied).toBe(false);

    const patients = await staff.get('/api/practice/patients');
    expect(patients.statusCode).toBe(403);
    expect(patients.json()).toMatchObject({ code: 'MFA_ENROLLMENT_REQUIRED' });
    expect((await staff.get('/api/practice/auth/me')).statusCode).toBe(200);
    expect(
      (await staff.post('/api/practice/auth/mfa/verify', { method: 'totp', code: '123456' }))
        .statusCode,
    ).toBe(403);
    const status = (await staff.get('/api/practice/mfa')).json<MfaStatus>();
    expect(status).toMatchObject({ enrollmentRequired: true, totp: { enabled: false } });

    const start = await staff.post('/api/practice/mfa/totp');
    const enrollment = start.json<TotpEnrollment>();
    expect(enrollment.otpauthUrl).toContain(`Portico:${encodeURIComponent(email)}`);
    const { codes } = await enrollTotp(staff);
    expect(codes).toHaveLength(10);

    expect((await staff.get('/api/practice/patients')).statusCode).toBe(200);
    const after = (await staff.get('/api/practice/auth/me')).json<StaffMe>();
    expect(after.session.secondFactorSatisfied).toBe(true);
    expect((await staff.get('/api/practice/mfa')).json<MfaStatus>().enrollmentRequired).toBe(false);
  });

  it('a passkey is an enrollment too', async () => {
    const { email } = await newStaffMember();
    const { staff } = await passwordSignIn(email);
    const options = (await staff.post('/api/practice/mfa/passkeys/options')).json<
      Record<string, unknown>
    >();
    const res = await staff.post('/api/practice/mfa/passkeys', {
      response: softAuthenticator().register(options, origin),
      label: 'Desk key',
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json<FactorAddedResult>().recoveryCodes).toHaveLength(10);
    expect((await staff.get('/api/practice/patients')).statusCode).toBe(200);
  });
});

describe('staff with a second factor: the second-factor step', () => {
  it('asks for it (MFA_REQUIRED) until a right code is given', async () => {
    const { practice, email, userId } = await newStaffMember();
    const { secret } = await enrollTotp((await passwordSignIn(email)).staff);
    t.clock.advanceSeconds(30);
    const { me, staff } = await passwordSignIn(email);
    expect(me.session.secondFactorSatisfied).toBe(false);
    for (const url of ['/api/practice/patients', '/api/practice/mfa']) {
      const res = await staff.get(url);
      expect(res.statusCode).toBe(401);
      expect(res.json()).toMatchObject({ code: 'MFA_REQUIRED' });
    }
    expect((await staff.post('/api/practice/mfa/totp')).statusCode).toBe(401);
    const wrong = await staff.post('/api/practice/auth/mfa/verify', {
      method: 'totp',
      code: '000000',
    });
    expect(wrong.statusCode).toBe(400);
    const right = await staff.post('/api/practice/auth/mfa/verify', {
      method: 'totp',
      code: totpCodeAt(secret, t.clock.now()),
    });
    expect(right.statusCode, right.body).toBe(200);
    expect(right.json<StaffMe>().session.secondFactorSatisfied).toBe(true);
    expect((await staff.get('/api/practice/patients')).statusCode).toBe(200);
    const audit = await auditRows(t, practice.practiceId, 'staff.second_factor');
    const mine = audit.filter((a) => a.actorId === userId);
    expect(mine.map((a) => a.outcome)).toEqual(['failure', 'success']);
  });

  it('takes a recovery code once, and refuses SMS (staff have none)', async () => {
    const { email } = await newStaffMember();
    const { codes } = await enrollTotp((await passwordSignIn(email)).staff);
    const first = (await passwordSignIn(email)).staff;
    expect(
      (await first.post('/api/practice/auth/mfa/verify', { method: 'sms', code: '123456' }))
        .statusCode,
    ).toBe(400);
    expect(
      (
        await first.post('/api/practice/auth/mfa/verify', {
          method: 'recovery_code',
          code: codes[0],
        })
      ).statusCode,
    ).toBe(200);
    const second = (await passwordSignIn(email)).staff;
    expect(
      (
        await second.post('/api/practice/auth/mfa/verify', {
          method: 'recovery_code',
          code: codes[0],
        })
      ).statusCode,
    ).toBe(400);
  });

  it('ends the session at the 5th wrong code in a row', async () => {
    const { email } = await newStaffMember();
    const { secret } = await enrollTotp((await passwordSignIn(email)).staff);
    t.clock.advanceSeconds(30);
    const { staff } = await passwordSignIn(email);
    for (let i = 0; i < 4; i++) {
      expect(
        (await staff.post('/api/practice/auth/mfa/verify', { method: 'totp', code: '000000' }))
          .statusCode,
      ).toBe(400);
    }
    const fifth = await staff.post('/api/practice/auth/mfa/verify', {
      method: 'totp',
      code: '000000',
    });
    expect(fifth.statusCode).toBe(401);
    expect(fifth.json()).toMatchObject({ code: 'SESSION_EXPIRED' });
    const late = await staff.post('/api/practice/auth/mfa/verify', {
      method: 'totp',
      code: totpCodeAt(secret, t.clock.now()),
    });
    expect(late.statusCode).toBe(401);
  });

  it('a passkey of this staff member passes the step; a stranger’s does not', async () => {
    const { email } = await newStaffMember();
    const enrolled = (await passwordSignIn(email)).staff;
    const options = (await enrolled.post('/api/practice/mfa/passkeys/options')).json<
      Record<string, unknown>
    >();
    const key = softAuthenticator();
    await enrolled.post('/api/practice/mfa/passkeys', {
      response: key.register(options, origin),
      label: 'Key',
    });

    const { staff } = await passwordSignIn(email);
    const request = (await staff.post('/api/practice/auth/mfa/passkey/options')).json<{
      allowCredentials: { id: string }[];
    }>();
    expect(request.allowCredentials.map((c) => c.id)).toEqual([key.credentialId]);
    const stranger = await staff.post('/api/practice/auth/mfa/passkey', {
      response: softAuthenticator().authenticate(request, origin),
    });
    expect(stranger.statusCode).toBe(401);
    const fresh = (await staff.post('/api/practice/auth/mfa/passkey/options')).json<
      Record<string, unknown>
    >();
    const res = await staff.post('/api/practice/auth/mfa/passkey', {
      response: key.authenticate(fresh, origin),
    });
    expect(res.statusCode, res.body).toBe(200);
    expect((await staff.get('/api/practice/patients')).statusCode).toBe(200);
  });
});

describe('staff keep at least one factor', () => {
  it('refuses removing the last one, allows it once another exists', async () => {
    const { email } = await newStaffMember();
    const { staff } = await passwordSignIn(email);
    await enrollTotp(staff);
    const last = await staff.delete('/api/practice/mfa/totp');
    expect(last.statusCode).toBe(409);
    const options = (await staff.post('/api/practice/mfa/passkeys/options')).json<
      Record<string, unknown>
    >();
    const added = await staff.post('/api/practice/mfa/passkeys', {
      response: softAuthenticator().register(options, origin),
      label: 'Key',
    });
    const { factorId } = added.json<FactorAddedResult>();
    expect((await staff.delete('/api/practice/mfa/totp')).statusCode).toBe(200);
    expect((await staff.delete(`/api/practice/mfa/passkeys/${factorId}`)).statusCode).toBe(409);
    expect((await staff.get('/api/practice/mfa')).json<MfaStatus>().passkeys).toHaveLength(1);
  });

  it('the test harness’s staff are complete sessions with an authenticator app', async () => {
    const practice = await t.newPractice(['admin', 'billing']);
    const admin = client(practice.cookie);
    expect(
      (await admin.get('/api/practice/auth/me')).json<StaffMe>().session.secondFactorSatisfied,
    ).toBe(true);
    expect((await admin.get('/api/practice/mfa')).json<MfaStatus>().totp.enabled).toBe(true);
    const again = client(await t.signInStaff(practice.staff.billing?.email ?? ''));
    expect(
      (await again.get('/api/practice/auth/me')).json<StaffMe>().session.secondFactorSatisfied,
    ).toBe(true);
  });
});

describe('staff MFA changes need a recent password (sign in again after 10 minutes)', () => {
  async function completeStaffWithPasskey() {
    const { email } = await newStaffMember();
    const { staff } = await passwordSignIn(email);
    const options = (await staff.post('/api/practice/mfa/passkeys/options')).json<
      Record<string, unknown>
    >();
    const added = await staff.post('/api/practice/mfa/passkeys', {
      response: softAuthenticator().register(options, origin),
      label: 'Key',
    });
    return { staff, factorId: added.json<FactorAddedResult>().factorId };
  }

  it('refuses changes 10 minutes after the password, and changes nothing', async () => {
    const { staff, factorId } = await completeStaffWithPasskey();
    await enrollTotp(staff);
    t.clock.advanceSeconds(11 * 60);
    for (const res of [
      await staff.post('/api/practice/mfa/passkeys/options'),
      await staff.delete(`/api/practice/mfa/passkeys/${factorId}`),
      await staff.delete('/api/practice/mfa/totp'),
      await staff.post('/api/practice/mfa/recovery-codes'),
    ]) {
      expect(res.statusCode).toBe(403);
      expect(res.json()).toMatchObject({ code: 'REAUTH_REQUIRED' });
    }
    const status = (await staff.get('/api/practice/mfa')).json<MfaStatus>();
    expect(status.totp.enabled).toBe(true);
    expect(status.passkeys).toHaveLength(1);
    expect(status.recoveryCodesLeft).toBe(10);
  });

  it('confirms a setup started within the window; not one started earlier', async () => {
    const { staff } = await completeStaffWithPasskey();
    t.clock.advanceSeconds(8 * 60);
    const late = (await staff.post('/api/practice/mfa/totp')).json<TotpEnrollment>();
    t.clock.advanceSeconds(4 * 60);
    const ok = await staff.post('/api/practice/mfa/totp/confirm', {
      factorId: late.factorId,
      code: totpCodeAt(late.secret, t.clock.now()),
    });
    expect(ok.statusCode, ok.body).toBe(200);

    const other = await completeStaffWithPasskey();
    const early = (await other.staff.post('/api/practice/mfa/totp')).json<TotpEnrollment>();
    t.clock.advanceSeconds(11 * 60);
    const refused = await other.staff.post('/api/practice/mfa/totp/confirm', {
      factorId: early.factorId,
      code: totpCodeAt(early.secret, t.clock.now()),
    });
    expect(refused.statusCode).toBe(403);
  });

  it('a session enrolling its first factor may do so whenever', async () => {
    const { email } = await newStaffMember();
    const { staff } = await passwordSignIn(email);
    t.clock.advanceSeconds(11 * 60);
    await enrollTotp(staff);
    expect((await staff.get('/api/practice/patients')).statusCode).toBe(200);
  });
});
