// Portal sessions: timeouts, the devices list, ending sessions, re-authentication.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PortalMe, PortalSessionList } from '@portico/contracts';
import { createTestApp, type TestApp, type TestPractice } from '../../../test/harness.ts';
import {
  cookieOf,
  portalClient,
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
    const res = await client.post('/api/portal/auth/reauthenticate', {
      password: wrongPassword(0),
    });
    expect(res.statusCode).toBe(400);
    expect(res.json()).toMatchObject({ code: 'VALIDATION', message: 'The password is incorrect.' });
    for (let i = 1; i < 10; i++) {
      await client.post('/api/portal/auth/reauthenticate', { password: wrongPassword(i) });
    }
    const locked = await client.post('/api/portal/auth/reauthenticate', { password: p.password });
    expect(locked.statusCode).toBe(423);
    expect((await signIn(p.email, p.password)).statusCode).toBe(423);
    const bad = await client.post('/api/portal/auth/reauthenticate', {});
    expect(bad.statusCode).toBe(400);
  });
});
