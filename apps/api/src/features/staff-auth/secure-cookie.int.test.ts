import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LightMyRequestResponse } from 'fastify';
import { createTestApp, type TestApp } from '../../../test/harness.ts';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp({ config: { secureCookies: true, publicUrl: 'https://portico.test' } });
});
afterAll(async () => t.close());

const setCookie = (res: LightMyRequestResponse) => String(res.headers['set-cookie']);
/** What a browser needs to replace a `__Host-` cookie: the same name, Path=/, Secure. */
const expectSecureHostCookie = (header: string) => {
  expect(header).toMatch(/^__Host-portico_staff=/);
  expect(header).toMatch(/;\s*Secure/i);
  expect(header).toMatch(/;\s*Path=\//i);
  expect(header).toMatch(/;\s*HttpOnly/i);
  expect(header).toMatch(/;\s*SameSite=Lax/i);
};

describe('staff session cookie over HTTPS', () => {
  it('is set as a __Host- cookie with Secure', async () => {
    const p = await t.newPractice(['admin']);
    expect(p.cookie).toMatch(/^__Host-portico_staff=/);
  });

  it('sign-out clears it with Secure, so the browser actually drops it', async () => {
    const p = await t.newPractice(['admin']);
    const out = await t.fastify.inject({
      method: 'POST',
      url: '/api/practice/auth/sign-out',
      headers: { cookie: p.cookie },
    });
    expect(out.statusCode).toBe(200);
    const cleared = setCookie(out);
    expectSecureHostCookie(cleared);
    expect(cleared).toMatch(/^__Host-portico_staff=;/);
    expect(cleared).toMatch(/Expires=Thu, 01 Jan 1970/i);
  });

  it('an ended session is cleared the same way by the guard', async () => {
    const p = await t.newPractice(['admin']);
    t.clock.advanceSeconds(16 * 60);
    const me = await t.fastify.inject({
      method: 'GET',
      url: '/api/practice/auth/me',
      headers: { cookie: p.cookie },
    });
    expect(me.statusCode).toBe(401);
    const cleared = setCookie(me);
    expectSecureHostCookie(cleared);
    expect(cleared).toMatch(/^__Host-portico_staff=;/);
  });
});
