import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import type { LightMyRequestResponse } from 'fastify';
import type { PortalMe, PortalSessionList } from '@portico/contracts';
import { createTestApp, type TestApp, type TestPractice } from '../../../test/harness.ts';
import { auditRows, staffClient } from '../patients/test-support.ts';
import { signIn as staffSignIn } from '../invitations/test-support.ts';
import { mfaFactors } from '../mfa/tables.ts';
import { createPasswordHasher, type PasswordHasher } from '../../platform/auth/password-hash.ts';
import { systemMeta } from '../../platform/auth/context.ts';
import { AppError } from '../../platform/errors.ts';
import { todayIn } from '../../platform/time.ts';
import { createPortalAuthService, portalMeOfSession } from './service.ts';
import { createPortalSessionResolver } from './sessions.ts';
import { portalAccounts, portalSessions } from './tables.ts';
import {
  cookieOf,
  portalClient,
  randomIp,
  registeredPatient,
  signInPatient,
  signInPatientResponse,
} from './test-support.ts';

let t: TestApp;
let practice: TestPractice;
beforeAll(async () => {
  t = await createTestApp();
  practice = await t.newPractice(['admin']);
});
afterAll(async () => t.close());

const signIn = (email: string, password: string, headers: Record<string, string> = {}) =>
  t.fastify.inject({
    method: 'POST',
    url: '/api/portal/auth/sign-in',
    payload: { email, password },
    headers,
    remoteAddress: randomIp(),
  });
const withoutRequestId = (res: LightMyRequestResponse) => {
  const { requestId: _requestId, ...body } = res.json<Record<string, unknown>>();
  return { status: res.statusCode, body };
};
const unknownEmail = () => `nobody-${randomUUID()}@example.com`;
const wrong = (i: number) => `wrong-password-${i}-abcdefgh`;

/** A staff cookie that is valid now (the clock may have moved past the first one's timeouts). */
async function staff() {
  const email = practice.staff.admin?.email ?? '';
  return staffClient(t, await staffSignIn(t, email));
}

async function endDate(patientId: string) {
  const client = await staff();
  const current = await client.get(`/api/practice/patients/${patientId}`);
  const { version } = current.json<{ version: number }>();
  const { practice: where } = (await client.get('/api/practice/auth/me')).json<{
    practice: { timeZone: string };
  }>();
  const today = todayIn(where.timeZone, t.clock.now());
  const res = await client.post(`/api/practice/patients/${patientId}/end-date`, {
    endDate: today,
    reason: 'Moved away',
    version,
  });
  expect(res.statusCode).toBe(200);
}

async function reactivate(patientId: string) {
  const client = await staff();
  const current = await client.get(`/api/practice/patients/${patientId}`);
  const { version } = current.json<{ version: number }>();
  const res = await client.post(`/api/practice/patients/${patientId}/reactivate`, { version });
  expect(res.statusCode).toBe(200);
}

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
    const known = await signIn(p.email, wrong(0));
    const unknown = await signIn(unknownEmail(), wrong(0));
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
      expect(withoutRequestId(await signIn(p.email, wrong(i)))).toEqual(
        withoutRequestId(await signIn(unknown, wrong(i))),
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
      payload: { email: unknownEmail(), password: wrong(0) },
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

describe('end-dated records', () => {
  it('refuses sign-in after a correct password when every record is end-dated; reactivation restores it', async () => {
    const p = await registeredPatient(t, practice);
    await endDate(p.patientId);
    const wrongPassword = await signIn(p.email, wrong(1));
    expect(wrongPassword.statusCode).toBe(401);
    const res = await signIn(p.email, p.password);
    expect(res.statusCode).toBe(403);
    expect(res.json()).toMatchObject({
      code: 'FORBIDDEN',
      message: `Your portal access at Test Practice ${practice.slug} has ended. Contact the practice.`,
    });
    expect(res.headers['set-cookie']).toBeUndefined();
    const denied = await auditRows(t, practice.practiceId, 'portal.sign_in');
    expect(denied.some((a) => a.actorId === p.accountId && a.outcome === 'denied')).toBe(true);

    await reactivate(p.patientId);
    expect((await signIn(p.email, p.password)).statusCode).toBe(200);
  });

  it('an open session whose record becomes end-dated is refused, and restored by reactivation', async () => {
    const p = await registeredPatient(t, practice);
    const client = portalClient(t, await signInPatient(t, p.email, p.password));
    expect((await client.get('/api/portal/auth/me')).statusCode).toBe(200);
    await endDate(p.patientId);
    const refused = await client.get('/api/portal/auth/me');
    expect(refused.statusCode).toBe(403);
    expect(refused.json<{ message: string }>().message).toBe(
      `Your portal access at Test Practice ${practice.slug} has ended. Contact the practice.`,
    );
    expect((await client.post('/api/portal/auth/keep-alive')).statusCode).toBe(403);
    await reactivate(p.patientId);
    const back = await client.get('/api/portal/auth/me');
    expect(back.statusCode).toBe(200);
    expect(back.json<PortalMe>().patient?.id).toBe(p.patientId);
  });

  it('the session resolver leaves out an end-dated record, so patient endpoints refuse at once', async () => {
    const p = await registeredPatient(t, practice);
    const cookie = await signInPatient(t, p.email, p.password);
    const token = cookie.split('=')[1] ?? '';
    const resolve = createPortalSessionResolver({ db: t.db, clock: t.clock });
    const before = await resolve(token, systemMeta, { background: false });
    expect(before.ctx).toMatchObject({ practiceId: practice.practiceId, patientId: p.patientId });
    await endDate(p.patientId);
    const after = await resolve(token, systemMeta, { background: false });
    expect(after.ctx).toMatchObject({ practiceId: null, patientId: null });
    expect(after.selectedPatientId).toBe(p.patientId);
    await reactivate(p.patientId);
    const again = await resolve(token, systemMeta, { background: false });
    expect(again.ctx.patientId).toBe(p.patientId);
  });

  it('moves to another open record of the account, and switch-record refuses the ended one', async () => {
    const other = await t.newPractice(['admin']);
    const p = await registeredPatient(t, practice);
    t.clock.advanceSeconds(1);
    const second = await registeredPatient(t, other, { accountId: p.accountId, email: p.email });
    const client = portalClient(t, await signInPatient(t, p.email, p.password));
    const me = (await client.get('/api/portal/auth/me')).json<PortalMe>();
    expect(me.patient?.id).toBe(p.patientId);
    expect(me.records.map((r) => r.patientId)).toEqual([p.patientId, second.patientId]);

    await endDate(p.patientId);
    const moved = await client.get('/api/portal/auth/me');
    expect(moved.statusCode).toBe(200);
    const movedMe = moved.json<PortalMe>();
    expect(movedMe.patient?.id).toBe(second.patientId);
    expect(movedMe.records.find((r) => r.patientId === p.patientId)?.active).toBe(false);

    const back = await client.post('/api/portal/auth/switch-record', { patientId: p.patientId });
    expect(back.statusCode).toBe(403);
    expect(back.json()).toMatchObject({ code: 'FORBIDDEN' });
    await reactivate(p.patientId);
    const switched = await client.post('/api/portal/auth/switch-record', {
      patientId: p.patientId,
    });
    expect(switched.statusCode).toBe(200);
    expect(switched.json<PortalMe>().patient?.id).toBe(p.patientId);
  });
});

describe('switch-record', () => {
  it("refuses a record that is not the account's, and bad input", async () => {
    const p = await registeredPatient(t, practice);
    const stranger = await registeredPatient(t, practice);
    const client = portalClient(t, await signInPatient(t, p.email, p.password));
    const res = await client.post('/api/portal/auth/switch-record', {
      patientId: stranger.patientId,
    });
    expect(res.statusCode).toBe(404);
    expect(res.json()).toMatchObject({ code: 'NOT_FOUND' });
    const bad = await client.post('/api/portal/auth/switch-record', { patientId: 'nope' });
    expect(bad.statusCode).toBe(400);
    const me = (await client.get('/api/portal/auth/me')).json<PortalMe>();
    expect(me.patient?.id).toBe(p.patientId);
  });
});

describe('session timeouts', () => {
  it('idle: 29:59 still works, 30:00 has expired', async () => {
    const p = await registeredPatient(t, practice);
    const client = portalClient(t, await signInPatient(t, p.email, p.password));
    t.clock.advanceSeconds(29 * 60 + 59);
    const ok = await client.get('/api/portal/auth/me');
    expect(ok.statusCode).toBe(200);
    t.clock.advanceSeconds(30 * 60);
    const expired = await client.get('/api/portal/auth/me');
    expect(expired.statusCode).toBe(401);
    expect(expired.json()).toMatchObject({ code: 'SESSION_EXPIRED' });
    expect(String(expired.headers['set-cookie'])).toMatch(/^portico_portal=;/);
  });

  it('exactly 30 minutes without a request expires the session', async () => {
    const p = await registeredPatient(t, practice);
    const client = portalClient(t, await signInPatient(t, p.email, p.password));
    t.clock.advanceSeconds(30 * 60);
    expect((await client.get('/api/portal/auth/me')).statusCode).toBe(401);
  });

  it('background requests do not extend the idle timeout; keep-alive does', async () => {
    const p = await registeredPatient(t, practice);
    const cookie = await signInPatient(t, p.email, p.password);
    const background = portalClient(t, cookie, { 'x-portico-background': '1' });
    const client = portalClient(t, cookie);
    t.clock.advanceSeconds(20 * 60);
    const polled = await background.get('/api/portal/auth/me');
    expect(polled.statusCode).toBe(200);
    t.clock.advanceSeconds(10 * 60);
    expect((await client.get('/api/portal/auth/me')).statusCode).toBe(401);

    const p2 = await registeredPatient(t, practice);
    const client2 = portalClient(t, await signInPatient(t, p2.email, p2.password));
    t.clock.advanceSeconds(20 * 60);
    const kept = await client2.post('/api/portal/auth/keep-alive');
    expect(kept.statusCode).toBe(200);
    expect(Date.parse(kept.json<PortalMe>().session.idleExpiresAt)).toBe(
      t.clock.now().getTime() + 30 * 60_000,
    );
    t.clock.advanceSeconds(29 * 60);
    expect((await client2.get('/api/portal/auth/me')).statusCode).toBe(200);
  });

  it('absolute: 12 hours after sign-in, however active', async () => {
    const p = await registeredPatient(t, practice);
    const client = portalClient(t, await signInPatient(t, p.email, p.password));
    for (let i = 0; i < 23; i++) {
      t.clock.advanceSeconds(29 * 60);
      expect((await client.post('/api/portal/auth/keep-alive')).statusCode).toBe(200);
    }
    // 23 × 29 min = 11 h 7 min; one more keep-alive at 11 h 36 min, then 12 h is 24 minutes later.
    t.clock.advanceSeconds(29 * 60);
    expect((await client.post('/api/portal/auth/keep-alive')).statusCode).toBe(200);
    t.clock.advanceSeconds(24 * 60 - 1);
    expect((await client.get('/api/portal/auth/me')).statusCode).toBe(200);
    t.clock.advanceSeconds(1);
    const expired = await client.get('/api/portal/auth/me');
    expect(expired.statusCode).toBe(401);
    expect(expired.json()).toMatchObject({ code: 'SESSION_EXPIRED' });
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

describe('sessions', () => {
  const chromeAndroid =
    'Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0.0.0 Mobile Safari/537.36';
  const firefoxWindows =
    'Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:125.0) Gecko/20100101 Firefox/125.0';

  async function signInWith(email: string, password: string, userAgent: string) {
    const res = await signIn(email, password, { 'user-agent': userAgent });
    expect(res.statusCode).toBe(200);
    return cookieOf(res);
  }

  it('lists open sessions with the current one and a device description', async () => {
    const p = await registeredPatient(t, practice);
    const phone = await signInWith(p.email, p.password, chromeAndroid);
    t.clock.advanceSeconds(60);
    const desktop = await signInWith(p.email, p.password, firefoxWindows);
    const ended = await signInWith(p.email, p.password, firefoxWindows);
    await portalClient(t, ended).post('/api/portal/auth/sign-out');

    const res = await portalClient(t, desktop).get('/api/portal/auth/sessions');
    expect(res.statusCode).toBe(200);
    const { items } = res.json<PortalSessionList>();
    expect(items).toHaveLength(2);
    expect(items.map((s) => [s.device, s.current, s.signInMethod])).toEqual([
      ['Firefox on Windows', true, 'password'],
      ['Chrome on Android', false, 'password'],
    ]);
    expect(JSON.stringify(items)).not.toContain('Mozilla');
    // The phone's list marks the phone as current.
    const fromPhone = (
      await portalClient(t, phone).get('/api/portal/auth/sessions')
    ).json<PortalSessionList>();
    expect(fromPhone.items.find((s) => s.current)?.device).toBe('Chrome on Android');
  });

  it('leaves out sessions that timed out', async () => {
    const p = await registeredPatient(t, practice);
    await signInWith(p.email, p.password, chromeAndroid);
    t.clock.advanceSeconds(25 * 60);
    const current = await signInWith(p.email, p.password, firefoxWindows);
    t.clock.advanceSeconds(5 * 60);
    const { items } = (
      await portalClient(t, current).get('/api/portal/auth/sessions')
    ).json<PortalSessionList>();
    expect(items.map((s) => s.device)).toEqual(['Firefox on Windows']);
  });

  it("DELETE ends one of the account's sessions; another account's is NOT_FOUND", async () => {
    const p = await registeredPatient(t, practice);
    const stranger = await registeredPatient(t, practice);
    const phone = await signInWith(p.email, p.password, chromeAndroid);
    const desktop = portalClient(t, await signInWith(p.email, p.password, firefoxWindows));
    const strangerCookie = await signInPatient(t, stranger.email, stranger.password);
    const strangerSessions = (
      await portalClient(t, strangerCookie).get('/api/portal/auth/sessions')
    ).json<PortalSessionList>();
    const strangerId = strangerSessions.items[0]?.id ?? '';

    const notMine = await desktop.delete(`/api/portal/auth/sessions/${strangerId}`);
    expect(notMine.statusCode).toBe(404);
    expect(notMine.json()).toMatchObject({ code: 'NOT_FOUND' });
    expect((await portalClient(t, strangerCookie).get('/api/portal/auth/me')).statusCode).toBe(200);
    expect((await desktop.delete('/api/portal/auth/sessions/not-a-uuid')).statusCode).toBe(400);
    expect((await desktop.delete(`/api/portal/auth/sessions/${randomUUID()}`)).statusCode).toBe(
      404,
    );

    const { items } = (await desktop.get('/api/portal/auth/sessions')).json<PortalSessionList>();
    const phoneId = items.find((s) => !s.current)?.id ?? '';
    const res = await desktop.delete(`/api/portal/auth/sessions/${phoneId}`);
    expect(res.statusCode).toBe(200);
    expect((await portalClient(t, phone).get('/api/portal/auth/me')).statusCode).toBe(401);
    expect((await desktop.get('/api/portal/auth/me')).statusCode).toBe(200);
    expect((await desktop.delete(`/api/portal/auth/sessions/${phoneId}`)).statusCode).toBe(404);
  });

  it('DELETE of the current session signs it out and clears the cookie', async () => {
    const p = await registeredPatient(t, practice);
    const client = portalClient(t, await signInPatient(t, p.email, p.password));
    const { items } = (await client.get('/api/portal/auth/sessions')).json<PortalSessionList>();
    const res = await client.delete(`/api/portal/auth/sessions/${items[0]?.id ?? ''}`);
    expect(res.statusCode).toBe(200);
    expect(String(res.headers['set-cookie'])).toMatch(/^portico_portal=;/);
    expect((await client.get('/api/portal/auth/me')).statusCode).toBe(401);
  });

  it('end-others signs out every other session only', async () => {
    const p = await registeredPatient(t, practice);
    const a = await signInPatient(t, p.email, p.password);
    const b = await signInPatient(t, p.email, p.password);
    const current = portalClient(t, await signInPatient(t, p.email, p.password));
    const res = await current.post('/api/portal/auth/sessions/end-others');
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ ended: 2 });
    expect((await portalClient(t, a).get('/api/portal/auth/me')).statusCode).toBe(401);
    expect((await portalClient(t, b).get('/api/portal/auth/me')).statusCode).toBe(401);
    expect((await current.get('/api/portal/auth/me')).statusCode).toBe(200);
    expect((await current.post('/api/portal/auth/sessions/end-others')).json()).toEqual({
      ended: 0,
    });
  });

  it('needs a session', async () => {
    const res = await t.fastify.inject({ method: 'GET', url: '/api/portal/auth/sessions' });
    expect(res.statusCode).toBe(401);
  });
});

describe('POST /api/portal/auth/reauthenticate', () => {
  it('renews the 10-minute window with the right password', async () => {
    const p = await registeredPatient(t, practice);
    const client = portalClient(t, await signInPatient(t, p.email, p.password));
    t.clock.advanceSeconds(11 * 60);
    const before = (await client.get('/api/portal/auth/me')).json<PortalMe>();
    expect(before.session.reauthenticatedUntil).toBeNull();
    const res = await client.post('/api/portal/auth/reauthenticate', { password: p.password });
    expect(res.statusCode).toBe(200);
    expect(Date.parse(res.json<PortalMe>().session.reauthenticatedUntil ?? '')).toBe(
      t.clock.now().getTime() + 10 * 60_000,
    );
    const after = (await client.get('/api/portal/auth/me')).json<PortalMe>();
    expect(after.session.reauthenticatedUntil).not.toBeNull();
  });

  it('a wrong password is refused and counts as a failed sign-in (10 lock the account)', async () => {
    const p = await registeredPatient(t, practice);
    const client = portalClient(t, await signInPatient(t, p.email, p.password));
    const res = await client.post('/api/portal/auth/reauthenticate', { password: wrong(0) });
    expect(res.statusCode).toBe(400);
    expect(res.json()).toMatchObject({ code: 'VALIDATION', message: 'The password is incorrect.' });
    for (let i = 1; i < 10; i++) {
      await client.post('/api/portal/auth/reauthenticate', { password: wrong(i) });
    }
    const locked = await client.post('/api/portal/auth/reauthenticate', { password: p.password });
    expect(locked.statusCode).toBe(423);
    expect((await signIn(p.email, p.password)).statusCode).toBe(423);
    const bad = await client.post('/api/portal/auth/reauthenticate', {});
    expect(bad.statusCode).toBe(400);
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
      const real = await attempt(p.email, wrong(i));
      expect(real).toEqual({
        code: 'UNAUTHENTICATED',
        message: 'The email or password is incorrect.',
        argon2: 1,
      });
      expect(await attempt(unknown, wrong(i))).toEqual(real);
    }
    const locked = await attempt(p.email, p.password);
    expect(locked).toMatchObject({ code: 'ACCOUNT_LOCKED', argon2: 1 });
    expect(await attempt(unknown, p.password)).toEqual(locked);
  });
});

describe('portalMeOfSession (for the second-factor and registration steps)', () => {
  it('answers the same me as GET /me for a session id', async () => {
    const p = await registeredPatient(t, practice);
    const client = portalClient(t, await signInPatient(t, p.email, p.password));
    const viaRoute = (await client.get('/api/portal/auth/me')).json<PortalMe>();
    const [session] = await t.db.system((tx) =>
      tx.select().from(portalSessions).where(eq(portalSessions.accountId, p.accountId)),
    );
    const direct = await portalMeOfSession(t.db, session?.id ?? '', systemMeta, t.clock.now());
    expect(direct).toEqual(viaRoute);
  });
});
