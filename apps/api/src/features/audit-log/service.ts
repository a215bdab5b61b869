import { and, desc, eq, gte, like, lt, type SQL } from 'drizzle-orm';
import type { z } from 'zod';
import type { AuditEvent, AuditPage, auditQuery } from '@portico/contracts';
import type { Database } from '../../platform/db/database.ts';
import type { Clock } from '../../platform/clock.ts';
import type { StaffContext } from '../../platform/auth/context.ts';
import { requirePermission } from '../../platform/auth/roles.ts';
import { staffActor, writeAudit } from '../../platform/audit/audit.ts';
import { auditEvents } from '../../platform/audit/tables.ts';
import { validation } from '../../platform/errors.ts';
import { pageTotal } from '../../platform/db/capped-count.ts';
import { likePrefixPattern } from '../../platform/db/like.ts';
import type { PracticeService } from '../practices/service.ts';
// Accepted exception to "never another slice's tables" (ARCHITECTURE.md, Departures): labels are
// read in the one search query, inside the tenant transaction (row-level security applies).
import { staffUsers } from '../staff-auth/tables.ts';
import { patients } from '../patients/tables.ts';
import { auditWindow } from './rules.ts';

export type AuditSearch = z.output<typeof auditQuery>;

/** Counting stops here: the page says "10 000+" rather than scanning years of events. */
export const auditTotalCap = 10_000;

export interface AuditLogDeps {
  db: Database;
  clock: Clock;
  practices: Pick<PracticeService, 'settingsInTx'>;
}

export function createAuditLogService({ db, clock, practices }: AuditLogDeps) {
  /** Searches the practice's audit trail, newest first. Admins only; the search is itself audited. */
  async function search(ctx: StaffContext, query: AuditSearch): Promise<AuditPage> {
    requirePermission(ctx, 'audit.read');
    return db.tenant(ctx.practiceId, async (tx) => {
      const offset = (query.page - 1) * query.pageSize;
      const { timeZone } = await practices.settingsInTx(tx, ctx.practiceId);
      const where = filters(ctx.practiceId, query, timeZone);
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
        .offset(offset);
      const total = await pageTotal(
        tx,
        { from: auditEvents, where, cap: auditTotalCap },
        { offset, pageSize: query.pageSize, rowsReturned: rows.length },
      );
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
        ...total,
      };
    });
  }

  return { search };
}

export type AuditLogService = ReturnType<typeof createAuditLogService>;

function filters(practiceId: string, query: AuditSearch, timeZone: string): SQL | undefined {
  const window = auditWindow(query, timeZone);
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
