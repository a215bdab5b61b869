import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createTestApp,
  testPassword,
  type TestApp,
  type TestPractice,
} from '../../../test/harness.ts';

let t: TestApp;
let practice: TestPractice;

beforeAll(async () => {
  t = await createTestApp();
  practice = await t.newPractice(['admin', 'front_desk']);
});
afterAll(async () => t.close());

const signIn = (email: string, password: string, ip = '10.1.1.1') =>
  t.fastify.inject({
    method: 'POST',
    url: '/api/practice/auth/sign-in',
    payload: { email, password },
    remoteAddress: ip,
  });

describe('staff sign-in', () => {
  it('signs in with the right password and sets an HttpOnly SameSite=Lax cookie', async () => {
    const email = practice.staff.front_desk?.email ?? '';
    const res = await signIn(email, testPassword);
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({
      user: { email },
      role: 'front_desk',
      practice: { id: practice.practiceId },
    });
    const cookie = String(res.headers['set-cookie']);
    expect(cookie).toMatch(/HttpOnly/i);
    expect(cookie).toMatch(/SameSite=Lax/i);
  });

  it('answers the same for an unknown email and a wrong password', async () => {
    const unknown = await signIn('nobody@example.com', 'wrong-password-123456');
    const wrong = await signIn(practice.staff.admin?.email ?? '', 'wrong-password-123456');
    expect(unknown.statusCode).toBe(401);
    expect(wrong.statusCode).toBe(401);
    const { requestId: _a, ...u } = unknown.json<Record<string, unknown>>();
    const { requestId: _b, ...w } = wrong.json<Record<string, unknown>>();
    expect(u).toEqual(w);
  });

  it('locks the account after 10 failures in a row, and says when to retry', async () => {
    const p = await t.newPractice(['admin']);
    const email = p.staff.admin?.email ?? '';
    for (let i = 0; i < 10; i++)
      expect((await signIn(email, `wrong-password-${i}-abcdefgh`, `10.2.0.${i}`)).statusCode).toBe(
        401,
      );
    const locked = await signIn(email, testPassword, '10.2.1.1');
    expect(locked.statusCode).toBe(423);
    expect(locked.json()).toMatchObject({ code: 'ACCOUNT_LOCKED', retryAfterSeconds: 900 });
    t.clock.advanceSeconds(15 * 60);
    expect((await signIn(email, testPassword, '10.2.1.2')).statusCode).toBe(200);
  });

  it('rate-limits sign-in attempts per IP (60/minute) with Retry-After', async () => {
    const ip = '10.9.9.9';
    let last = await signIn('nobody@example.com', 'x', ip);
    for (let i = 0; i < 60; i++) last = await signIn('nobody@example.com', 'x', ip);
    expect(last.statusCode).toBe(429);
    expect(last.headers['retry-after']).toBeDefined();
    expect(last.json()).toMatchObject({ code: 'RATE_LIMITED' });
  });
});

describe('staff sessions', () => {
  it('ends a session after 15 minutes idle', async () => {
    const p = await t.newPractice(['admin']);
    const me = () =>
      t.fastify.inject({
        method: 'GET',
        url: '/api/practice/auth/me',
        headers: { cookie: p.cookie },
      });
    expect((await me()).statusCode).toBe(200);
    t.clock.advanceSeconds(14 * 60);
    expect((await me()).statusCode).toBe(200);
    t.clock.advanceSeconds(15 * 60);
    const expired = await me();
    expect(expired.statusCode).toBe(401);
    expect(expired.json()).toMatchObject({ code: 'SESSION_EXPIRED' });
  });

  it('background polling does not extend the idle timeout', async () => {
    const p = await t.newPractice(['admin']);
    const poll = () =>
      t.fastify.inject({
        method: 'GET',
        url: '/api/practice/auth/me',
        headers: { cookie: p.cookie, 'x-portico-background': '1' },
      });
    // 3 polls over 12 minutes: still inside the 15-minute window counted from sign-in.
    for (let i = 0; i < 3; i++) {
      t.clock.advanceSeconds(4 * 60);
      expect((await poll()).statusCode).toBe(200);
    }
    // 16 minutes after the last real activity: polling did not push the deadline.
    t.clock.advanceSeconds(4 * 60);
    expect((await poll()).statusCode).toBe(401);
  });

  it('ends a session after 12 hours even when active', async () => {
    const p = await t.newPractice(['admin']);
    let res;
    for (let i = 0; i < 12 * 6; i++) {
      t.clock.advanceSeconds(10 * 60);
      res = await t.fastify.inject({
        method: 'GET',
        url: '/api/practice/auth/me',
        headers: { cookie: p.cookie },
      });
    }
    expect(res?.statusCode).toBe(401);
  });

  it('signs out and the cookie stops working', async () => {
    const p = await t.newPractice(['admin']);
    const out = await t.fastify.inject({
      method: 'POST',
      url: '/api/practice/auth/sign-out',
      headers: { cookie: p.cookie },
    });
    expect(out.statusCode).toBe(200);
    const me = await t.fastify.inject({
      method: 'GET',
      url: '/api/practice/auth/me',
      headers: { cookie: p.cookie },
    });
    expect(me.statusCode).toBe(401);
  });

  it('refuses a cross-site POST (CSRF)', async () => {
    const p = await t.newPractice(['admin']);
    const res = await t.fastify.inject({
      method: 'POST',
      url: '/api/practice/auth/sign-out',
      headers: { cookie: p.cookie, origin: 'https://evil.example', 'sec-fetch-site': 'cross-site' },
    });
    expect(res.statusCode).toBe(403);
    expect(res.json()).toMatchObject({ code: 'CSRF' });
  });

  const signOutWith = async (headers: Record<string, string>) => {
    const p = await t.newPractice(['admin']);
    const res = await t.fastify.inject({
      method: 'POST',
      url: '/api/practice/auth/sign-out',
      headers: { cookie: p.cookie, ...headers },
    });
    const me = await t.fastify.inject({
      method: 'GET',
      url: '/api/practice/auth/me',
      headers: { cookie: p.cookie },
    });
    return { res, stillSignedIn: me.statusCode === 200 };
  };

  it('refuses a foreign Origin on its own (no Sec-Fetch-Site)', async () => {
    const { res, stillSignedIn } = await signOutWith({ origin: 'https://evil.example' });
    expect(res.statusCode).toBe(403);
    expect(res.json()).toMatchObject({ code: 'CSRF' });
    expect(stillSignedIn).toBe(true);
  });

  it('refuses Sec-Fetch-Site: cross-site on its own (no Origin)', async () => {
    const { res, stillSignedIn } = await signOutWith({ 'sec-fetch-site': 'cross-site' });
    expect(res.statusCode).toBe(403);
    expect(res.json()).toMatchObject({ code: 'CSRF' });
    expect(stillSignedIn).toBe(true);
  });

  it('accepts a same-origin Origin', async () => {
    const { res, stillSignedIn } = await signOutWith({
      origin: 'http://portico.test',
      'sec-fetch-site': 'same-origin',
    });
    expect(res.statusCode).toBe(200);
    expect(stillSignedIn).toBe(false);
  });

  it('accepts a same-origin Origin without Sec-Fetch-Site (older browsers)', async () => {
    const { res, stillSignedIn } = await signOutWith({ origin: 'http://portico.test' });
    expect(res.statusCode).toBe(200);
    expect(stillSignedIn).toBe(false);
  });
});
