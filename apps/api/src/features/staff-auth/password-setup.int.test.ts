import { randomUUID } from 'node:crypto';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, testPassword, type TestApp } from '../../../test/harness.ts';
import { systemMeta } from '../../platform/auth/context.ts';
import { resetStaffPassword } from '../../operator/reset-staff-password.ts';
import { staffUsers } from './tables.ts';

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
