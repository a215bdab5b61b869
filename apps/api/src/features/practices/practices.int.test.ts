import { randomUUID } from 'node:crypto';
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, testPassword, type TestApp } from '../../../test/harness.ts';
import { systemMeta } from '../../platform/auth/context.ts';
import { AppError } from '../../platform/errors.ts';
import { passwordSetupTokens, staffMemberships } from '../staff-auth/tables.ts';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => t.close());

const newSlug = () => `p-${randomUUID().slice(0, 12)}`;

describe('create-practice with an email that already has a staff account', () => {
  it('refuses with CONFLICT and changes nothing', async () => {
    const existing = await t.newPractice(['admin']);
    const email = existing.staff.admin?.email ?? '';
    const slug = newSlug();
    const refused = await t.context.services.practices
      .create({
        name: 'Takeover Clinic',
        slug,
        adminEmail: email.toUpperCase(),
        adminName: 'Someone Else',
      })
      .catch((error: unknown) => error);
    expect(refused).toBeInstanceOf(AppError);
    expect(refused).toMatchObject({ code: 'CONFLICT' });
    expect((refused as AppError).message).toMatch(/A staff account with this email already exists/);
    await expect(t.context.services.practices.getPublic(slug)).rejects.toMatchObject({
      code: 'NOT_FOUND',
    });
    const memberships = await t.db.system((tx) =>
      tx
        .select()
        .from(staffMemberships)
        .where(eq(staffMemberships.staffUserId, existing.staff.admin?.userId ?? '')),
    );
    expect(memberships).toHaveLength(1);
    const me = await t.context.services.staffAuth.signIn(email, testPassword, systemMeta);
    expect(me.me.practice.id).toBe(existing.practiceId);
  });

  it('with allowExistingAdmin, adds the membership and keeps the existing password', async () => {
    const existing = await t.newPractice(['admin']);
    const admin = existing.staff.admin;
    if (!admin) throw new Error('no admin');
    const slug = newSlug();
    const created = await t.context.services.practices.create({
      name: 'Second Clinic',
      slug,
      adminEmail: admin.email,
      adminName: 'Ignored Name',
      allowExistingAdmin: true,
    });
    expect(created).toMatchObject({ adminUserId: admin.userId, adminIsNew: false });
    const [membership] = await t.db.system((tx) =>
      tx
        .select()
        .from(staffMemberships)
        .where(
          and(
            eq(staffMemberships.practiceId, created.practiceId),
            eq(staffMemberships.staffUserId, admin.userId),
          ),
        ),
    );
    expect(membership?.role).toBe('admin');
    const links = await t.db.system((tx) =>
      tx
        .select()
        .from(passwordSetupTokens)
        .where(eq(passwordSetupTokens.staffUserId, admin.userId)),
    );
    expect(links).toHaveLength(0);
    await expect(
      t.context.services.staffAuth.signIn(admin.email, testPassword, systemMeta),
    ).resolves.toBeDefined();
  });

  it('a new email still creates a new admin without a password', async () => {
    const slug = newSlug();
    const created = await t.context.services.practices.create({
      name: 'Fresh Clinic',
      slug,
      adminEmail: `admin-${slug}@example.com`,
      adminName: 'Fresh Admin',
      allowExistingAdmin: true,
    });
    expect(created.adminIsNew).toBe(true);
  });
});

describe('GET /api/practice/staff', () => {
  it('is open to admin, clinician and front desk, and refused to billing (staff.read)', async () => {
    const p = await t.newPractice(['admin', 'clinician', 'front_desk', 'billing']);
    const list = (cookie: string) =>
      t.fastify.inject({ method: 'GET', url: '/api/practice/staff', headers: { cookie } });
    for (const role of ['admin', 'clinician', 'front_desk'] as const) {
      const res = await list(p.staff[role]?.cookie ?? '');
      expect(res.statusCode, role).toBe(200);
      expect(res.json<{ items: unknown[] }>().items).toHaveLength(4);
    }
    const billing = await list(p.staff.billing?.cookie ?? '');
    expect(billing.statusCode).toBe(403);
    expect(billing.json()).toMatchObject({ code: 'FORBIDDEN' });
  });
});
