import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { asc, eq, sql } from 'drizzle-orm';
import type { LightMyRequestResponse } from 'fastify';
import { createTestApp, type TestApp, type TestPractice } from '../../../test/harness.ts';
import { outbox } from '../../platform/outbox/tables.ts';
import { auditRows } from '../patients/test-support.ts';
import { portalAccounts, portalPasswordResets } from './tables.ts';
import {
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

const newPassword = 'copper-lantern-orbit-mosaic-71';

const post = (url: string, payload: unknown) =>
  t.fastify.inject({
    method: 'POST',
    url,
    payload: payload as Record<string, unknown>,
    remoteAddress: randomIp(),
  });
const forgot = (email: string) => post('/api/portal/auth/forgot-password', { email });
const reset = (token: string, password: string) =>
  post('/api/portal/auth/reset-password', { token, password });
const withoutRequestId = (res: LightMyRequestResponse) => {
  const { requestId: _requestId, ...body } = res.json<Record<string, unknown>>();
  return { status: res.statusCode, body };
};

/** The emails queued to an address, oldest first. */
async function mailTo(email: string) {
  const rows = await t.db.system((tx) =>
    tx
      .select()
      .from(outbox)
      .where(sql`${outbox.payload}->>'to' = ${email}`)
      .orderBy(asc(outbox.id)),
  );
  return rows.map((r) => ({ practiceId: r.practiceId, ...r.payload }));
}

function resetTokenIn(text: string): string {
  const match = /http:\/\/portico\.test\/portal\/reset-password\/([A-Za-z0-9_-]+)/.exec(text);
  if (!match?.[1]) throw new Error('no reset link in the message');
  return match[1];
}

async function requestLink(email: string): Promise<string> {
  const res = await forgot(email);
  expect(res.statusCode).toBe(202);
  const mails = await mailTo(email);
  const last = mails.at(-1);
  if (!last || last.channel !== 'email') throw new Error('no reset email');
  return resetTokenIn(last.text);
}

describe('POST /api/portal/auth/forgot-password', () => {
  it('emails a one-hour link with a 256-bit token, stored only hashed, and no personal data', async () => {
    const p = await registeredPatient(t, practice, { patient: { firstName: 'Rosalind' } });
    const res = await forgot(p.email.toUpperCase());
    expect(res.statusCode).toBe(202);
    expect(res.json()).toEqual({ ok: true });
    const mails = await mailTo(p.email);
    expect(mails).toHaveLength(1);
    const mail = mails[0];
    if (!mail || mail.channel !== 'email') throw new Error('no email');
    expect(mail.practiceId).toBe(practice.practiceId);
    expect(mail.subject).toBe('Reset your Portico password');
    expect(mail.text).not.toContain('Rosalind');
    expect(mail.text).not.toContain('Doe');
    const token = resetTokenIn(mail.text);
    expect(Buffer.from(token, 'base64url').length).toBeGreaterThanOrEqual(16);
    const links = await t.db.system((tx) =>
      tx.select().from(portalPasswordResets).where(eq(portalPasswordResets.accountId, p.accountId)),
    );
    expect(links).toHaveLength(1);
    expect(links[0]?.tokenHash).not.toContain(token);
    expect(links[0]?.expiresAt.getTime()).toBe(t.clock.now().getTime() + 60 * 60_000);
    const audit = await auditRows(t, practice.practiceId, 'portal.password_reset_requested');
    expect(audit.some((a) => a.actorId === p.accountId)).toBe(true);
  });

  it('answers an unknown email identically and sends nothing', async () => {
    const p = await registeredPatient(t, practice);
    const unknown = `nobody-${randomUUID()}@example.com`;
    const known = await forgot(p.email);
    const missing = await forgot(unknown);
    expect(withoutRequestId(missing)).toEqual(withoutRequestId(known));
    expect(await mailTo(unknown)).toHaveLength(0);
  });

  it('refuses a malformed email', async () => {
    const res = await post('/api/portal/auth/forgot-password', { email: 'nope' });
    expect(res.statusCode).toBe(400);
    expect(res.json()).toMatchObject({ code: 'VALIDATION' });
    expect((await post('/api/portal/auth/forgot-password', {})).statusCode).toBe(400);
  });
});

describe('POST /api/portal/auth/reset-password', () => {
  it('sets the password, ends every session, lifts a lock, notifies and audits; it does not sign in', async () => {
    const p = await registeredPatient(t, practice);
    const oldCookie = await signInPatient(t, p.email, p.password);
    const otherCookie = await signInPatient(t, p.email, p.password);
    // Lock the account with 10 failures.
    for (let i = 0; i < 10; i++) await signInPatientResponse(t, p.email, `wrong-${i}-abcdefghij`);
    expect((await signInPatientResponse(t, p.email, p.password)).statusCode).toBe(423);

    const token = await requestLink(p.email);
    const res = await reset(token, newPassword);
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ ok: true });
    expect(res.headers['set-cookie']).toBeUndefined();

    for (const cookie of [oldCookie, otherCookie]) {
      expect((await portalClient(t, cookie).get('/api/portal/auth/me')).statusCode).toBe(401);
    }
    expect((await signInPatientResponse(t, p.email, p.password)).statusCode).toBe(401);
    expect(await signInPatient(t, p.email, newPassword)).toMatch(/^portico_portal=/);

    const mails = await mailTo(p.email);
    const notice = mails.at(-1);
    if (!notice || notice.channel !== 'email') throw new Error('no notice');
    expect(notice.subject).toBe('Your Portico password was changed');
    expect(notice.text).toContain('signed out');
    expect(notice.text).not.toContain('reset-password/');
    const audit = await auditRows(t, practice.practiceId, 'portal.password_reset');
    expect(audit.filter((a) => a.actorId === p.accountId)).toHaveLength(1);
  });

  it('a disabled password (100 failures) is enabled again by a reset', async () => {
    const p = await registeredPatient(t, practice);
    await t.db.system((tx) =>
      tx
        .update(portalAccounts)
        .set({ failedSignIns: 100, passwordDisabled: true })
        .where(eq(portalAccounts.id, p.accountId)),
    );
    const disabled = await signInPatientResponse(t, p.email, p.password);
    expect(disabled.statusCode).toBe(423);
    expect(disabled.json<{ message: string }>().message).toContain('disabled');
    expect((await reset(await requestLink(p.email), newPassword)).statusCode).toBe(200);
    expect((await signInPatientResponse(t, p.email, newPassword)).statusCode).toBe(200);
  });

  it('a link works once', async () => {
    const p = await registeredPatient(t, practice);
    const token = await requestLink(p.email);
    expect((await reset(token, newPassword)).statusCode).toBe(200);
    const again = await reset(token, 'another-fresh-phrase-quartz-55');
    expect(again.statusCode).toBe(410);
    expect(again.json()).toMatchObject({ code: 'LINK_UNUSABLE', reason: 'used' });
    expect((await signInPatientResponse(t, p.email, newPassword)).statusCode).toBe(200);
  });

  it('only the newest link works', async () => {
    const p = await registeredPatient(t, practice);
    const first = await requestLink(p.email);
    const second = await requestLink(p.email);
    expect(second).not.toBe(first);
    const old = await reset(first, newPassword);
    expect(old.statusCode).toBe(410);
    expect(old.json()).toMatchObject({
      code: 'LINK_UNUSABLE',
      reason: 'superseded',
      message: 'A newer reset link has been sent. Use the link in the most recent email.',
    });
    expect((await reset(second, newPassword)).statusCode).toBe(200);
  });

  it('leaves exactly one usable link when several requests arrive at once', async () => {
    const p = await registeredPatient(t, practice);
    const answers = await Promise.all(Array.from({ length: 6 }, () => forgot(p.email)));
    expect(answers.map((a) => a.statusCode)).toEqual(Array(6).fill(202));
    const links = await t.db.system((tx) =>
      tx.select().from(portalPasswordResets).where(eq(portalPasswordResets.accountId, p.accountId)),
    );
    expect(links).toHaveLength(6);
    expect(links.filter((l) => l.supersededAt === null)).toHaveLength(1);
  });

  it('expires after 60 minutes', async () => {
    const p = await registeredPatient(t, practice);
    const token = await requestLink(p.email);
    t.clock.advanceSeconds(60 * 60);
    const res = await reset(token, newPassword);
    expect(res.statusCode).toBe(410);
    expect(res.json()).toMatchObject({ code: 'LINK_UNUSABLE', reason: 'expired' });
    expect((await signInPatientResponse(t, p.email, p.password)).statusCode).toBe(200);

    const fresh = await requestLink(p.email);
    t.clock.advanceSeconds(60 * 60 - 1);
    expect((await reset(fresh, newPassword)).statusCode).toBe(200);
  });

  it('an unknown token is LINK_UNUSABLE (invalid)', async () => {
    const res = await reset('x'.repeat(43), newPassword);
    expect(res.statusCode).toBe(410);
    expect(res.json()).toMatchObject({ code: 'LINK_UNUSABLE', reason: 'invalid' });
  });

  it('a weak password is refused with the reason and the link still works', async () => {
    const p = await registeredPatient(t, practice);
    const token = await requestLink(p.email);
    const local = p.email.split('@')[0] ?? '';
    for (const [password, message] of [
      ['short-one', 'Use at least 15 characters'],
      [`${local}-blue-river`, 'Do not build your password from your email address.'],
      ['passwordpassword', 'too common'],
    ] as const) {
      const res = await reset(token, password);
      expect(res.statusCode).toBe(400);
      expect(res.json()).toMatchObject({ code: 'VALIDATION' });
      expect(res.json<{ message: string }>().message).toContain(message);
      expect(res.json<{ issues: { path: string }[] }>().issues[0]?.path).toBe('body.password');
    }
    expect((await signInPatientResponse(t, p.email, p.password)).statusCode).toBe(200);
    expect((await reset(token, newPassword)).statusCode).toBe(200);
  });

  it('refuses malformed input', async () => {
    expect((await post('/api/portal/auth/reset-password', {})).statusCode).toBe(400);
    expect(
      (await post('/api/portal/auth/reset-password', { token: 'short', password: newPassword }))
        .statusCode,
    ).toBe(400);
  });
});
