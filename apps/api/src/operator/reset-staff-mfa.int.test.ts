import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../test/harness.ts';
import { mfaFactors, mfaRecoveryCodes } from '../features/mfa/tables.ts';
import { auditEvents } from '../platform/audit/tables.ts';
import { AppError } from '../platform/errors.ts';
import { resetStaffMfa } from './reset-staff-mfa.ts';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => t.close());

const countFor = async (staffUserId: string) =>
  t.db.system(async (tx) => ({
    factors: (
      await tx
        .select()
        .from(mfaFactors)
        .where(and(eq(mfaFactors.subjectType, 'staff'), eq(mfaFactors.subjectId, staffUserId)))
    ).length,
    codes: (
      await tx
        .select()
        .from(mfaRecoveryCodes)
        .where(
          and(
            eq(mfaRecoveryCodes.subjectType, 'staff'),
            eq(mfaRecoveryCodes.subjectId, staffUserId),
          ),
        )
    ).length,
  }));

describe('operator reset-staff-mfa', () => {
  it("removes the staff member's factors and recovery codes, ends their sessions, and audits it", async () => {
    const practice = await t.newPractice(['admin', 'clinician']);
    const admin = practice.staff.admin;
    const clinician = practice.staff.clinician;
    if (!admin || !clinician) throw new Error('staff missing');
    expect((await countFor(admin.userId)).factors).toBeGreaterThan(0);

    const result = await resetStaffMfa(
      t.db,
      t.context.services.staffAuth,
      admin.email.toUpperCase(),
      t.clock.now(),
    );
    expect(result.factorsRemoved).toBeGreaterThan(0);
    expect(result.sessionsEnded).toBe(1);
    expect(await countFor(admin.userId)).toEqual({ factors: 0, codes: 0 });

    const me = await t.fastify.inject({
      method: 'GET',
      url: '/api/practice/auth/me',
      headers: { cookie: admin.cookie },
    });
    expect(me.statusCode).toBe(401);
    // Nobody else is touched.
    expect((await countFor(clinician.userId)).factors).toBeGreaterThan(0);
    const other = await t.fastify.inject({
      method: 'GET',
      url: '/api/practice/patients',
      headers: { cookie: clinician.cookie },
    });
    expect(other.statusCode).toBe(200);

    const events = await t.db.system((tx) =>
      tx
        .select()
        .from(auditEvents)
        .where(
          and(
            eq(auditEvents.practiceId, practice.practiceId),
            eq(auditEvents.action, 'staff.mfa_reset'),
          ),
        ),
    );
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({ actorType: 'system', entityId: admin.userId });
  });

  it('refuses an email without a staff account, changing nothing', async () => {
    await expect(
      resetStaffMfa(t.db, t.context.services.staffAuth, 'nobody@example.com', t.clock.now()),
    ).rejects.toBeInstanceOf(AppError);
  });
});
