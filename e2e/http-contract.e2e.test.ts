import { describe, expect, inject, it } from 'vitest';

/** What a new user (or operator) sees over plain HTTP from the started product. */
describe('the running product over HTTP', () => {
  const base = () => inject('baseUrl');

  it.each(['/', '/portal', '/practice'])('serves %s as HTML', async (path) => {
    const res = await fetch(`${base()}${path}`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/text\/html/);
    expect(await res.text()).toMatch(/<html lang=/);
  });

  it('serves the OpenAPI document with operations tagged per slice', async () => {
    const res = await fetch(`${base()}/api/openapi.json`);
    expect(res.status).toBe(200);
    const doc = (await res.json()) as {
      openapi: string;
      paths: Record<string, Record<string, { tags?: string[] }>>;
    };
    expect(doc.openapi).toMatch(/^3\./);
    const tags = new Set(
      Object.values(doc.paths).flatMap((ops) => Object.values(ops).flatMap((op) => op.tags ?? [])),
    );
    for (const tag of ['staff-auth', 'patients', 'patient-import', 'audit-log'])
      expect(tags).toContain(tag);
  });

  it('answers /healthz and /readyz', async () => {
    expect((await fetch(`${base()}/healthz`)).status).toBe(200);
    expect((await fetch(`${base()}/readyz`)).status).toBe(200);
  });

  it('sends the security headers', async () => {
    const res = await fetch(`${base()}/api/openapi.json`);
    expect(res.headers.get('content-security-policy')).toMatch(/frame-ancestors 'none'/);
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    expect(res.headers.get('referrer-policy')).toBe('no-referrer');
    expect(res.headers.get('cache-control')).toBe('no-store');
  });

  it('refuses a 3 MB JSON body with 413 and a code', async () => {
    const res = await fetch(`${base()}/api/practice/auth/sign-in`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: 'a@b.co', password: 'x'.repeat(3 * 1024 * 1024) }),
    });
    expect(res.status).toBe(413);
    expect(await res.json()).toMatchObject({ code: 'PAYLOAD_TOO_LARGE' });
  });
});
