import { and, desc, eq, gte, like, lt, sql, type SQL } from 'drizzle-orm';
import type { z } from 'zod';
import type { AuditEvent, AuditPage, auditQuery } from '@portico/contracts';
import type { Database, Tx } from '../../platform/db/database.ts';
import type { Clock } from '../../platform/clock.ts';
import type { StaffContext } from '../../platform/auth/context.ts';
import { requirePermission } from '../../platform/auth/roles.ts';
import { staffActor, writeAudit } from '../../platform/audit/audit.ts';
import { auditEvents } from '../../platform/audit/tables.ts';
import { notFound, validation } from '../../platform/errors.ts';
// Read-model joins for labels, inside the tenant transaction (row-level security applies).
import { practices } from '../practices/tables.ts';
import { staffUsers } from '../staff-auth/tables.ts';
import { patients } from '../patients/tables.ts';
import { auditWindow, likePrefixPattern } from './rules.ts';

export type AuditSearch = z.output<typeof auditQuery>;

/** Counting stops here: the page says "10 000+" rather than scanning years of events. */
export const auditTotalCap = 10_000;

export function createAuditLogService({ db, clock }: { db: Database; clock: Clock }) {
  /** Searches the practice's audit trail, newest first. Admins only; the search is itself audited. */
  async function search(ctx: StaffContext, query: AuditSearch): Promise<AuditPage> {
    requirePermission(ctx, 'audit.read');
    return db.tenant(ctx.practiceId, async (tx) => {
      const where = await filters(tx, ctx.practiceId, query);
      const rows = await tx
        .select({
          event: auditEvents,
          actorName: staffUsers.displayName,
          patientFirst: patients.firstName,
          patientLast: patients.lastName,
        })
        .from(auditEvents)
        .leftJoin(
          staffUsers,
          and(eq(auditEvents.actorType, 'staff'), eq(staffUsers.id, auditEvents.actorId)),
        )
        .leftJoin(
          patients,
          and(
            eq(patients.practiceId, auditEvents.practiceId),
            eq(patients.id, auditEvents.patientId),
          ),
        )
        .where(where)
        .orderBy(desc(auditEvents.occurredAt), desc(auditEvents.id))
        .limit(query.pageSize)
        .offset((query.page - 1) * query.pageSize);
      const counted = await cappedCount(tx, where);
      await writeAudit(tx, staffActor(ctx), clock.now(), {
        action: 'audit.search',
        entityType: 'audit_log',
        patientId: query.patientId ?? null,
        details: {
          filters: (['patientId', 'actorId', 'action', 'from', 'to'] as const).filter(
            (k) => query[k] !== undefined,
          ),
          actorId: query.actorId ?? null,
          from: query.from ?? null,
          to: query.to ?? null,
          page: query.page,
          results: rows.length,
        },
      });
      return {
        items: rows.map((r): AuditEvent => ({
          id: r.event.id.toString(),
          occurredAt: r.event.occurredAt.toISOString(),
          actorType: r.event.actorType,
          actorId: r.event.actorId,
          actorLabel: r.actorName,
          patientId: r.event.patientId,
          patientLabel: r.patientLast === null ? null : `${r.patientLast}, ${r.patientFirst ?? ''}`,
          action: r.event.action,
          entityType: r.event.entityType,
          entityId: r.event.entityId,
          outcome: r.event.outcome,
          ip: r.event.ip,
          userAgent: r.event.userAgent,
          requestId: r.event.requestId,
        })),
        page: query.page,
        pageSize: query.pageSize,
        total: Math.min(counted, auditTotalCap),
        totalIsLowerBound: counted > auditTotalCap,
      };
    });
  }

  return { search };
}

export type AuditLogService = ReturnType<typeof createAuditLogService>;

async function filters(tx: Tx, practiceId: string, query: AuditSearch): Promise<SQL | undefined> {
  const [practice] = await tx
    .select({ timeZone: practices.timeZone })
    .from(practices)
    .where(eq(practices.id, practiceId));
  if (!practice) throw notFound('Practice');
  const window = auditWindow(query, practice.timeZone);
  if (!window.ok) {
    throw validation('The start date must not be after the end date.', [
      { path: 'querystring.from', message: 'After the end date' },
    ]);
  }
  return and(
    eq(auditEvents.practiceId, practiceId),
    query.patientId ? eq(auditEvents.patientId, query.patientId) : undefined,
    query.actorId ? eq(auditEvents.actorId, query.actorId) : undefined,
    query.action ? like(auditEvents.action, likePrefixPattern(query.action)) : undefined,
    window.fromInclusive ? gte(auditEvents.occurredAt, window.fromInclusive) : undefined,
    window.toExclusive ? lt(auditEvents.occurredAt, window.toExclusive) : undefined,
  );
}

/** Counts matches up to one past the cap, so a huge trail costs a bounded scan. */
async function cappedCount(tx: Tx, where: SQL | undefined): Promise<number> {
  const capped = tx
    .select({ one: sql`1` })
    .from(auditEvents)
    .where(where)
    .limit(auditTotalCap + 1)
    .as('capped');
  const [row] = await tx.select({ n: sql<number>`count(*)::int` }).from(capped);
  return row?.n ?? 0;
}
