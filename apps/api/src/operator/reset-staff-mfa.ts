import { and, eq, isNull } from 'drizzle-orm';
import type { Database } from '../platform/db/database.ts';
import type { StaffAuthService } from '../features/staff-auth/service.ts';
import { staffMemberships, staffSessions } from '../features/staff-auth/tables.ts';
import { mfaFactors, mfaRecoveryCodes } from '../features/mfa/tables.ts';
import { systemMeta } from '../platform/auth/context.ts';
import { writeAudit } from '../platform/audit/audit.ts';
import { AppError } from '../platform/errors.ts';

/**
 * Operator command `reset-staff-mfa`: for a staff member who lost both their authenticator (or
 * passkey) and their recovery codes. Removes every second factor and recovery code, ends every
 * session; the next password sign-in asks them to set up a new factor (staff MFA is mandatory).
 * The operator must first confirm the person's identity out of band.
 */
export async function resetStaffMfa(
  db: Database,
  staffAuth: StaffAuthService,
  email: string,
  now: Date,
): Promise<{ factorsRemoved: number; sessionsEnded: number }> {
  const staffUserId = await staffAuth.staffUserIdByEmail(email);
  if (!staffUserId) throw new AppError('NOT_FOUND', 'No staff account has this email.');
  return db.system(async (tx) => {
    const subject = and(eq(mfaFactors.subjectType, 'staff'), eq(mfaFactors.subjectId, staffUserId));
    const removed = await tx.delete(mfaFactors).where(subject).returning({ id: mfaFactors.id });
    await tx
      .delete(mfaRecoveryCodes)
      .where(
        and(eq(mfaRecoveryCodes.subjectType, 'staff'), eq(mfaRecoveryCodes.subjectId, staffUserId)),
      );
    const ended = await tx
      .update(staffSessions)
      .set({ endedAt: now, endReason: 'mfa_reset' })
      .where(and(eq(staffSessions.staffUserId, staffUserId), isNull(staffSessions.endedAt)))
      .returning({ id: staffSessions.id });
    const memberships = await tx
      .select({ practiceId: staffMemberships.practiceId })
      .from(staffMemberships)
      .where(eq(staffMemberships.staffUserId, staffUserId));
    for (const { practiceId } of memberships) {
      await writeAudit(
        tx,
        { practiceId, actorType: 'system', actorId: null, meta: systemMeta },
        now,
        {
          action: 'staff.mfa_reset',
          entityType: 'staff_user',
          entityId: staffUserId,
          details: { factorsRemoved: removed.length, sessionsEnded: ended.length },
        },
      );
    }
    return { factorsRemoved: removed.length, sessionsEnded: ended.length };
  });
}
