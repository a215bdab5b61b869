// Portal sign-in: password step, lockout, enumeration, sign-out.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import type { LightMyRequestResponse } from 'fastify';
import type { PortalMe } from '@portico/contracts';
import { createTestApp, type TestApp, type TestPractice } from '../../../test/harness.ts';
import { auditRows } from '../patients/test-support.ts';
import { mfaFactors } from '../mfa/tables.ts';
import { createPasswordHasher, type PasswordHasher } from '../../platform/auth/password-hash.ts';
import { systemMeta } from '../../platform/auth/context.ts';
import { AppError } from '../../platform/errors.ts';
import { createPortalAuthService } from './service.ts';
import { portalAccounts, portalSessions } from './tables.ts';
import {
  cookieOf,
  portalClient,
  randomIp,
  registeredPatient,
  signInPatient,
  signInPatientResponse,
  wrongPassword,
} from './test-support.ts';

let t: TestApp;
let practice: TestPractice;
beforeAll(async () => {
  t = await createTestApp();
  practice = await t.newPractice(['admin']);
});
afterAll(async () => t.close());

const signIn = (email: string, password: string, headers: Record<string, string> = {}) =>
  signInPatientResponse(t, email, password, headers);

const withoutRequestId = (res: LightMyRequestResponse) => {
  const { requestId: _requestId, ...body } = res.json<Record<string, unknown>>();
  return { status: res.statusCode, body };
};
const unknownEmail = () => `nobody-${randomUUID()}@example.com`;

describe('POST /api/portal/auth/sign-in', () => {
  it('signs in, sets an HttpOnly cookie and answers the account and its record', async () => {
    const p = await registeredPatient(t, practice, { patient: { firstName: 'Ada' } });
    const res = await signIn(p.email.toUpperCase(), p.password);
    expect(res.statusCode).toBe(200);
    const body = res.json<{ status: string; me: PortalMe }>();
    expect(body.status).toBe('signed_in');
    expect(body.me.account).toEqual({ id: p.accountId, email: p.email });
    expect(body.me.patient).toMatchObject({
      id: p.patientId,
      firstName: 'Ada',
      practice: { id: practice.practiceId, slug: practice.slug },
    });
    expect(body.me.records).toHaveLength(1);
    expect(body.me.records[0]).toMatchObject({ patientId: p.patientId, active: true });
    expect(body.me.session.warnBeforeSeconds).toBe(120);
    const now = t.clock.now().getTime();
    expect(Date.parse(body.me.session.idleExpiresAt)).toBe(now + 30 * 60_000);
    expect(Date.parse(body.me.session.absoluteExpiresAt)).toBe(now + 12 * 3_600_000);
    expect(Date.parse(body.me.session.reauthenticatedUntil ?? '')).toBe(now + 10 * 60_000);
    const setCookie = String(res.headers['set-cookie']);
    expect(setCookie).toMatch(/^portico_portal=/);
    expect(setCookie).toContain('HttpOnly');
    expect(setCookie).toContain('SameSite=Lax');

    const audit = await auditRows(t, practice.practiceId, 'portal.sign_in');
    expect(audit.some((a) => a.actorId === p.accountId && a.outcome === 'success')).toBe(true);
  });

  it('a wrong password and an unknown email answer the same 401', async () => {
    const p = await registeredPatient(t, practice);
    const known = await signIn(p.email, wrongPassword(0));
    const unknown = await signIn(unknownEmail(), wrongPassword(0));
    expect(known.statusCode).toBe(401);
    expect(withoutRequestId(known)).toEqual(withoutRequestId(unknown));
    expect(known.json()).toMatchObject({
      code: 'UNAUTHENTICATED',
      message: 'The email or password is incorrect.',
    });
    expect(known.headers['set-cookie']).toBeUndefined();
  });

  it('refuses bad input with VALIDATION and changes nothing', async () => {
    const p = await registeredPatient(t, practice);
    for (const payload of [
      {},
      { email: p.email },
      { email: 'not-an-email', password: 'x' },
      { email: p.email, password: '' },
      { email: p.email, password: 'x', extra: 1 },
    ]) {
      const res = await t.fastify.inject({
        method: 'POST',
        url: '/api/portal/auth/sign-in',
        payload,
        remoteAddress: randomIp(),
      });
      expect(res.statusCode).toBe(400);
      expect(res.json()).toMatchObject({ code: 'VALIDATION' });
    }
    const [account] = await t.db.system((tx) =>
      tx.select().from(portalAccounts).where(eq(portalAccounts.id, p.accountId)),
    );
    expect(account?.failedSignIns).toBe(0);
  });

  it('locks after 10 failures for 15 minutes, the same for an unknown email', async () => {
    const p = await registeredPatient(t, practice);
    const unknown = unknownEmail();
    for (let i = 0; i < 10; i++) {
      expect(withoutRequestId(await signIn(p.email, wrongPassword(i)))).toEqual(
        withoutRequestId(await signIn(unknown, wrongPassword(i))),
      );
    }
    const locked = await signIn(p.email, p.password);
    expect(locked.statusCode).toBe(423);
    expect(locked.json()).toMatchObject({
      code: 'ACCOUNT_LOCKED',
      retryAfterSeconds: 900,
      message: 'Too many failed sign-ins. Try again in 15 minutes, or reset your password.',
    });
    expect(withoutRequestId(await signIn(unknown, p.password))).toEqual(withoutRequestId(locked));

    t.clock.advanceSeconds(14 * 60 + 59);
    expect((await signIn(p.email, p.password)).statusCode).toBe(423);
    t.clock.advanceSeconds(1);
    expect((await signIn(p.email, p.password)).statusCode).toBe(200);
    const [account] = await t.db.system((tx) =>
      tx.select().from(portalAccounts).where(eq(portalAccounts.id, p.accountId)),
    );
    expect(account?.failedSignIns).toBe(0);
  });

  it('the auth endpoints are rate-limited per IP (60 a minute)', async () => {
    const ip = randomIp();
    const forgot = () =>
      t.fastify.inject({
        method: 'POST',
        url: '/api/portal/auth/forgot-password',
        payload: { email: unknownEmail() },
        remoteAddress: ip,
      });
    for (let i = 0; i < 60; i++) expect((await forgot()).statusCode).toBe(202);
    const limited = await forgot();
    expect(limited.statusCode).toBe(429);
    expect(limited.json()).toMatchObject({ code: 'RATE_LIMITED' });
    const signInFromThere = await t.fastify.inject({
      method: 'POST',
      url: '/api/portal/auth/sign-in',
      payload: { email: unknownEmail(), password: wrongPassword(0) },
      remoteAddress: ip,
    });
    expect(signInFromThere.statusCode).toBe(429);
  });

  it('an account with a second factor gets a session that can only finish it', async () => {
    const p = await registeredPatient(t, practice, { phone: '+15552014433' });
    await t.db.system((tx) =>
      tx.insert(mfaFactors).values([
        {
          subjectType: 'portal',
          subjectId: p.accountId,
          kind: 'sms',
          label: 'Phone',
          confirmedAt: t.clock.now(),
          createdAt: t.clock.now(),
        },
      ]),
    );
    const res = await signInPatientResponse(t, p.email, p.password);
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ status: 'mfa_required', methods: ['sms'], smsTo: '••• ••• ••33' });
    const cookie = cookieOf(res);
    expect(cookie).not.toBe('');
    const me = await portalClient(t, cookie).get('/api/portal/auth/me');
    expect(me.statusCode).toBe(401);
    expect(me.json()).toMatchObject({ code: 'MFA_REQUIRED' });
    const [session] = await t.db.system((tx) =>
      tx.select().from(portalSessions).where(eq(portalSessions.accountId, p.accountId)),
    );
    expect(session?.mfaPending).toBe(true);
  });
});

describe('GET /api/portal/auth/me without a session', () => {
  it('is 401 without a cookie and with an unknown one', async () => {
    const none = await t.fastify.inject({ method: 'GET', url: '/api/portal/auth/me' });
    expect(none.statusCode).toBe(401);
    expect(none.json()).toMatchObject({ code: 'UNAUTHENTICATED' });
    const unknown = await portalClient(t, 'portico_portal=forged').get('/api/portal/auth/me');
    expect(unknown.statusCode).toBe(401);
  });
});

describe('POST /api/portal/auth/sign-out', () => {
  it('ends the session and clears the cookie; signing out again is harmless', async () => {
    const p = await registeredPatient(t, practice);
    const cookie = await signInPatient(t, p.email, p.password);
    const client = portalClient(t, cookie);
    const res = await client.post('/api/portal/auth/sign-out');
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ ok: true });
    expect(String(res.headers['set-cookie'])).toMatch(/^portico_portal=;/);
    expect((await client.get('/api/portal/auth/me')).statusCode).toBe(401);
    expect((await client.post('/api/portal/auth/sign-out')).statusCode).toBe(200);
    const none = await t.fastify.inject({ method: 'POST', url: '/api/portal/auth/sign-out' });
    expect(none.statusCode).toBe(200);
    const audit = await auditRows(t, practice.practiceId, 'portal.sign_out');
    expect(audit.filter((a) => a.actorId === p.accountId)).toHaveLength(1);
  });
});

describe('the work of a refused sign-in does not depend on the account existing', () => {
  function countingHasher() {
    const inner = createPasswordHasher();
    const counts = { verify: 0, dummy: 0 };
    const hasher: PasswordHasher = {
      hash: (password) => inner.hash(password),
      verify: (hash, password) => {
        counts.verify += 1;
        return inner.verify(hash, password);
      },
      verifyAgainstDummy: (password) => {
        counts.dummy += 1;
        return inner.verifyAgainstDummy(password);
      },
    };
    return { hasher, counts };
  }

  async function attempt(email: string, password: string) {
    const { hasher, counts } = countingHasher();
    const service = createPortalAuthService({
      db: t.db,
      clock: t.clock,
      publicUrl: 'http://portico.test',
      passwordHasher: hasher,
    });
    try {
      await service.signIn(email, password, systemMeta);
      return { code: 'OK', argon2: counts.verify + counts.dummy };
    } catch (error) {
      if (!(error instanceof AppError)) throw error;
      return { code: error.code, message: error.message, argon2: counts.verify + counts.dummy };
    }
  }

  it('exactly one Argon2 verification for a wrong password, an unknown email and a locked account', async () => {
    const p = await registeredPatient(t, practice);
    const unknown = unknownEmail();
    for (let i = 0; i < 10; i++) {
      const real = await attempt(p.email, wrongPassword(i));
      expect(real).toEqual({
        code: 'UNAUTHENTICATED',
        message: 'The email or password is incorrect.',
        argon2: 1,
      });
      expect(await attempt(unknown, wrongPassword(i))).toEqual(real);
    }
    const locked = await attempt(p.email, p.password);
    expect(locked).toMatchObject({ code: 'ACCOUNT_LOCKED', argon2: 1 });
    expect(await attempt(unknown, p.password)).toEqual(locked);
  });
});
