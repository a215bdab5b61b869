import { randomUUID } from 'node:crypto';
import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, testPassword, type TestApp } from '../../../test/harness.ts';
import { systemMeta } from '../../platform/auth/context.ts';
import { resetStaffPassword } from '../../operator/reset-staff-password.ts';
import { outbox } from '../../platform/outbox/tables.ts';
import { hashToken } from '../../platform/tokens.ts';
import { staffMemberships, staffUsers } from './tables.ts';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => t.close());

const newPassword = 'copper-kettle-orchard-lumen-58';
const codeOf = (promise: Promise<unknown>) =>
  promise.then(
    () => 'OK',
    (error: unknown) => (error as { code?: string }).code ?? String(error),
  );

async function newStaffWithoutPassword() {
  const slug = `p-${randomUUID().slice(0, 12)}`;
  const email = `admin-${slug}@example.com`;
  const { adminUserId } = await t.context.services.practices.create({
    name: `Setup Practice ${slug}`,
    slug,
    adminEmail: email,
    adminName: 'Robin Setup',
  });
  return { userId: adminUserId, email };
}

describe('password-setup links', () => {
  it('only the newest link works: issuing a new one invalidates earlier unused ones', async () => {
    const { staffAuth } = t.context.services;
    const { userId, email } = await newStaffWithoutPassword();
    const first = await staffAuth.issuePasswordSetup(userId);
    const second = await staffAuth.issuePasswordSetup(userId);
    expect(await codeOf(staffAuth.completePasswordSetup(first, newPassword, systemMeta))).toBe(
      'NOT_FOUND',
    );
    expect(await codeOf(staffAuth.completePasswordSetup(second, newPassword, systemMeta))).toBe(
      'OK',
    );
    expect(await codeOf(staffAuth.signIn(email, newPassword, systemMeta))).toBe('OK');
  });

  it('completing a link lifts a disabled password and a lock, and resets the count', async () => {
    const { staffAuth } = t.context.services;
    const p = await t.newPractice(['admin']);
    const admin = p.staff.admin;
    if (!admin) throw new Error('no admin');
    await t.db.system((tx) =>
      tx
        .update(staffUsers)
        .set({
          failedSignIns: 100,
          passwordDisabled: true,
          lockedUntil: new Date(t.clock.now().getTime() + 15 * 60_000),
        })
        .where(eq(staffUsers.id, admin.userId)),
    );
    expect(await codeOf(staffAuth.signIn(admin.email, testPassword, systemMeta))).toBe(
      'ACCOUNT_LOCKED',
    );
    const token = await staffAuth.issuePasswordSetup(admin.userId);
    await staffAuth.completePasswordSetup(token, newPassword, systemMeta);
    const [row] = await t.db.system((tx) =>
      tx.select().from(staffUsers).where(eq(staffUsers.id, admin.userId)),
    );
    expect(row).toMatchObject({ failedSignIns: 0, lockedUntil: null, passwordDisabled: false });
    expect(await codeOf(staffAuth.signIn(admin.email, testPassword, systemMeta))).toBe(
      'UNAUTHENTICATED',
    );
    expect(await codeOf(staffAuth.signIn(admin.email, newPassword, systemMeta))).toBe('OK');
  });
});

/** Notifications queued for one recipient, oldest first. */
const outboxFor = (email: string) =>
  t.db.system((tx) =>
    tx
      .select()
      .from(outbox)
      .where(sql`${outbox.payload}->>'to' = ${email}`)
      .orderBy(outbox.id),
  );

describe('password change notification (POLICY.md: completing a reset notifies the account)', () => {
  it('queues one email to the account with the change, saying when; no token, no link', async () => {
    const { staffAuth } = t.context.services;
    t.clock.set('2026-11-21T15:00:00.000Z');
    const p = await t.newPractice(['admin']);
    const email = p.staff.admin?.email ?? '';
    const reset = await resetStaffPassword(staffAuth, 'https://portico.test', email);
    const token = new URL(reset.link).searchParams.get('token') ?? '';
    expect(await outboxFor(email)).toEqual([]);

    await staffAuth.completePasswordSetup(token, newPassword, systemMeta);

    const rows = await outboxFor(email);
    expect(rows).toHaveLength(1);
    const [row] = rows;
    expect(row).toMatchObject({
      practiceId: p.practiceId,
      channel: 'email',
      status: 'pending',
      createdAt: t.clock.now(),
      payload: { channel: 'email', to: email, subject: 'Your Portico password was changed' },
    });
    const text = row?.payload.text ?? '';
    // 15:00 UTC in the practice's time zone (America/New_York unless set otherwise).
    expect(text).toContain('was changed on 2026-11-21 at 10:00 (America/New_York)');
    expect(text).toContain('contact your practice administrator');
    expect(text).not.toContain(token);
    expect(text).not.toContain(hashToken(token));
    expect(text).not.toMatch(/https?:|set-password/);
  });

  it('queues nothing when the password is refused or the link is spent', async () => {
    const { staffAuth } = t.context.services;
    const p = await t.newPractice(['admin']);
    const email = p.staff.admin?.email ?? '';
    const token = await staffAuth.issuePasswordSetup(p.staff.admin?.userId ?? '');
    expect(await codeOf(staffAuth.completePasswordSetup(token, 'password', systemMeta))).toBe(
      'VALIDATION',
    );
    expect(await outboxFor(email)).toEqual([]);
    await staffAuth.completePasswordSetup(token, newPassword, systemMeta);
    expect(await codeOf(staffAuth.completePasswordSetup(token, newPassword, systemMeta))).toBe(
      'NOT_FOUND',
    );
    expect(await outboxFor(email)).toHaveLength(1);
  });

  it("files it under the account's first practice (its dev mailbox), not the latest", async () => {
    const { staffAuth } = t.context.services;
    const latest = await t.newPractice(['admin']);
    const earliest = await t.newPractice(['admin']);
    const admin = latest.staff.admin;
    if (!admin) throw new Error('no admin');
    // Inserted after the account's own membership, but dated years before it.
    await t.db.system((tx) =>
      tx.insert(staffMemberships).values({
        practiceId: earliest.practiceId,
        staffUserId: admin.userId,
        role: 'admin',
        createdAt: new Date('2020-01-01T00:00:00Z'),
      }),
    );
    const token = await staffAuth.issuePasswordSetup(admin.userId);
    await staffAuth.completePasswordSetup(token, newPassword, systemMeta);
    const rows = await outboxFor(admin.email);
    expect(rows.map((r) => r.practiceId)).toEqual([earliest.practiceId]);
  });

  it('says "set" when an invitation gives the account its first password', async () => {
    const { staffAuth } = t.context.services;
    const { userId, email } = await newStaffWithoutPassword();
    const token = await staffAuth.issuePasswordSetup(userId);
    await staffAuth.completePasswordSetup(token, newPassword, systemMeta);
    const [row] = await outboxFor(email);
    expect(row?.payload).toMatchObject({ subject: 'Your Portico password was set' });
  });
});

describe('operator command reset-staff-password', () => {
  it('prints a one-time link that recovers a disabled password', async () => {
    const { staffAuth } = t.context.services;
    const p = await t.newPractice(['admin']);
    const admin = p.staff.admin;
    if (!admin) throw new Error('no admin');
    await t.db.system((tx) =>
      tx
        .update(staffUsers)
        .set({ failedSignIns: 100, passwordDisabled: true })
        .where(eq(staffUsers.id, admin.userId)),
    );
    const reset = await resetStaffPassword(
      staffAuth,
      'https://portico.test',
      admin.email.toUpperCase(),
    );
    expect(reset.validMinutes).toBe(60);
    const link = new URL(reset.link);
    expect(link.origin + link.pathname).toBe('https://portico.test/practice/set-password');
    const token = link.searchParams.get('token') ?? '';
    await staffAuth.completePasswordSetup(token, newPassword, systemMeta);
    expect(await codeOf(staffAuth.signIn(admin.email, newPassword, systemMeta))).toBe('OK');
  });

  it('the link expires after 60 minutes (POLICY.md password-reset link)', async () => {
    const { staffAuth } = t.context.services;
    const p = await t.newPractice(['admin']);
    const email = p.staff.admin?.email ?? '';
    const reset = await resetStaffPassword(staffAuth, 'https://portico.test', email);
    const token = new URL(reset.link).searchParams.get('token') ?? '';
    t.clock.advanceSeconds(61 * 60);
    expect(await codeOf(staffAuth.completePasswordSetup(token, newPassword, systemMeta))).toBe(
      'NOT_FOUND',
    );
  });

  it('refuses an email that has no staff account', async () => {
    await expect(
      resetStaffPassword(
        t.context.services.staffAuth,
        'https://portico.test',
        'nobody@example.com',
      ),
    ).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });
});
