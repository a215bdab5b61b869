import { asc, eq } from 'drizzle-orm';
import type { PortalMe } from '@portico/contracts';
import type { Database, Tx } from '../../platform/db/database.ts';
import type { RequestMeta } from '../../platform/auth/context.ts';
import { AppError } from '../../platform/errors.ts';
import { todayIn } from '../../platform/time.ts';
import { expiries, sessionPolicy } from '../../platform/auth/session-rules.ts';
import { writeAudit } from '../../platform/audit/audit.ts';
import { patients } from '../patients/tables.ts';
import { practices } from '../practices/tables.ts';
import { portalActor } from './portal-actor.ts';
import { chooseRecord, recordIsOpen } from './rules.ts';
import { reauthWindowMinutes, type ResolvedPortalSession } from './sessions.ts';
import { portalAccess, portalAccounts, portalSessions } from './tables.ts';

/** A patient record an account may open (or could, before it was end-dated). */
export interface PortalRecord {
  patientId: string;
  practiceId: string;
  firstName: string;
  practiceName: string;
  practiceSlug: string;
  timeZone: string;
  open: boolean;
}

export const accessEnded = (record: PortalRecord | undefined) =>
  new AppError(
    'FORBIDDEN',
    record
      ? `Your portal access at ${record.practiceName} has ended. Contact the practice.`
      : 'There is no patient record you can open in the portal. Contact your practice.',
  );

/** Every record of an account, oldest access first, with whether it may be opened today. */
export async function recordsOf(tx: Tx, accountId: string, now: Date): Promise<PortalRecord[]> {
  const rows = await tx
    .select({
      patientId: portalAccess.patientId,
      practiceId: portalAccess.practiceId,
      firstName: patients.firstName,
      preferredName: patients.preferredName,
      endDate: patients.endDate,
      practiceName: practices.name,
      practiceSlug: practices.slug,
      timeZone: practices.timeZone,
    })
    .from(portalAccess)
    .innerJoin(patients, eq(patients.id, portalAccess.patientId))
    .innerJoin(practices, eq(practices.id, portalAccess.practiceId))
    .where(eq(portalAccess.accountId, accountId))
    .orderBy(asc(portalAccess.createdAt), asc(portalAccess.practiceId));
  return rows.map((r) => ({
    patientId: r.patientId,
    practiceId: r.practiceId,
    firstName: r.preferredName ?? r.firstName,
    practiceName: r.practiceName,
    practiceSlug: r.practiceSlug,
    timeZone: r.timeZone,
    open: recordIsOpen(r.endDate, todayIn(r.timeZone, now)),
  }));
}

export function toMe(
  account: { id: string; email: string },
  records: PortalRecord[],
  current: PortalRecord | null,
  session: { idleExpiresAt: Date; absoluteExpiresAt: Date; reauthenticatedAt: Date },
  now: Date,
): PortalMe {
  const reauthUntil = new Date(session.reauthenticatedAt.getTime() + reauthWindowMinutes * 60_000);
  return {
    account: { id: account.id, email: account.email },
    patient: current
      ? {
          id: current.patientId,
          firstName: current.firstName,
          practice: {
            id: current.practiceId,
            name: current.practiceName,
            slug: current.practiceSlug,
          },
        }
      : null,
    records: records.map((r) => ({
      patientId: r.patientId,
      firstName: r.firstName,
      practiceName: r.practiceName,
      practiceSlug: r.practiceSlug,
      active: r.open,
    })),
    session: {
      idleExpiresAt: session.idleExpiresAt.toISOString(),
      absoluteExpiresAt: session.absoluteExpiresAt.toISOString(),
      warnBeforeSeconds: sessionPolicy.warnBeforeIdleSeconds,
      reauthenticatedUntil: reauthUntil > now ? reauthUntil.toISOString() : null,
    },
  };
}

export async function accountById(tx: Tx, accountId: string) {
  const [account] = await tx.select().from(portalAccounts).where(eq(portalAccounts.id, accountId));
  if (!account) throw new AppError('UNAUTHENTICATED', 'Please sign in.');
  return account;
}

/** What `portalMeFor` needs of a session: a resolved one (`request.portalSession`) fits. */
export type PortalSessionView = Pick<
  ResolvedPortalSession,
  'selectedPatientId' | 'idleExpiresAt' | 'absoluteExpiresAt'
> & {
  ctx: Pick<
    ResolvedPortalSession['ctx'],
    'accountId' | 'sessionId' | 'patientId' | 'reauthenticatedAt' | 'meta'
  >;
};

/**
 * The `portalMe` answer for a session (used by sign-in's neighbours too: the second-factor step,
 * registration). When the session's record can no longer be opened (end-dated at the practice),
 * the session moves to another open record of the account, or the answer is FORBIDDEN until one
 * opens again (a reactivation restores access).
 */
export async function portalMeFor(
  db: Database,
  session: PortalSessionView,
  now: Date,
): Promise<PortalMe> {
  const { ctx } = session;
  return db.system(async (tx) => {
    const account = await accountById(tx, ctx.accountId);
    const records = await recordsOf(tx, ctx.accountId, now);
    let current = records.find((r) => r.open && r.patientId === ctx.patientId) ?? null;
    if (!current) {
      current = chooseRecord(records, session.selectedPatientId);
      if (!current) {
        throw accessEnded(
          records.find((r) => r.patientId === session.selectedPatientId) ?? records[0],
        );
      }
      await tx
        .update(portalSessions)
        .set({ practiceId: current.practiceId, patientId: current.patientId })
        .where(eq(portalSessions.id, ctx.sessionId));
      await writeAudit(tx, portalActor(ctx.accountId, current.practiceId, ctx.meta), now, {
        action: 'portal.switch_record',
        entityType: 'portal_session',
        entityId: ctx.sessionId,
        patientId: current.patientId,
        details: { automatic: true },
      });
    }
    return toMe(
      account,
      records,
      current,
      { ...session, reauthenticatedAt: ctx.reauthenticatedAt },
      now,
    );
  });
}

/** `portalMeFor` by session id, for a session just opened or completed in this request. */
export async function portalMeOfSession(
  db: Database,
  sessionId: string,
  meta: RequestMeta,
  now: Date,
): Promise<PortalMe> {
  const [row] = await db.system((tx) =>
    tx.select().from(portalSessions).where(eq(portalSessions.id, sessionId)),
  );
  if (!row) throw new AppError('UNAUTHENTICATED', 'Please sign in.');
  const e = expiries(row, sessionPolicy.patient);
  return portalMeFor(
    db,
    {
      ctx: {
        accountId: row.accountId,
        sessionId: row.id,
        patientId: row.patientId,
        reauthenticatedAt: row.reauthenticatedAt,
        meta,
      },
      selectedPatientId: row.patientId,
      ...e,
    },
    now,
  );
}
