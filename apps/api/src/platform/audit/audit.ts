import pg from 'pg';
import type { Tx } from '../db/database.ts';
import { deferToCommit } from '../db/deferred.ts';
import type { RequestMeta, StaffContext } from '../auth/context.ts';
import { auditEvents } from './tables.ts';

export interface AuditEntry {
  action: string;
  entityType: string;
  entityId?: string | null;
  patientId?: string | null;
  outcome?: 'success' | 'denied' | 'failure';
  /** Ids and counts only: never names, emails, bodies or tokens. */
  details?: Record<string, unknown>;
}

export interface AuditActor {
  practiceId: string | null;
  actorType: 'staff' | 'portal_account' | 'system';
  actorId: string | null;
  meta: RequestMeta;
}

export function staffActor(ctx: StaffContext): AuditActor {
  return {
    practiceId: ctx.practiceId,
    actorType: 'staff',
    actorId: ctx.staffUserId,
    meta: ctx.meta,
  };
}

type AuditRow = typeof auditEvents.$inferInsert;

/**
 * Writes audit events inside the caller's transaction, so the event and the change commit
 * together. On PostgreSQL the insert rides with the COMMIT (no extra round trip).
 */
export async function writeAudit(
  tx: Tx,
  actor: AuditActor,
  now: Date,
  ...entries: AuditEntry[]
): Promise<void> {
  if (entries.length === 0) return;
  const rows: AuditRow[] = entries.map((e) => ({
    practiceId: actor.practiceId,
    occurredAt: now,
    actorType: actor.actorType,
    actorId: actor.actorId,
    patientId: e.patientId ?? null,
    action: e.action,
    entityType: e.entityType,
    entityId: e.entityId ?? null,
    outcome: e.outcome ?? 'success',
    ip: actor.meta.ip,
    userAgent: actor.meta.userAgent,
    requestId: actor.meta.requestId,
    details: e.details ?? null,
  }));
  if (deferToCommit(tx, auditInsertSql(rows))) return;
  await tx.insert(auditEvents).values(rows);
}

const literal = (value: string | null | undefined): string =>
  value == null ? 'NULL' : pg.escapeLiteral(value);

/** The INSERT as plain SQL text; every value is escaped as a literal (no placeholders in a deferred statement). */
export function auditInsertSql(rows: AuditRow[]): string {
  const values = rows.map((r) =>
    [
      literal(r.practiceId),
      literal(r.occurredAt instanceof Date ? r.occurredAt.toISOString() : null),
      literal(r.actorType),
      literal(r.actorId),
      literal(r.patientId),
      literal(r.action),
      literal(r.entityType),
      literal(r.entityId),
      literal(r.outcome),
      literal(r.ip),
      literal(r.userAgent),
      literal(r.requestId),
      r.details == null ? 'NULL' : `${literal(JSON.stringify(r.details))}::jsonb`,
    ].join(', '),
  );
  return (
    'INSERT INTO audit_events (practice_id, occurred_at, actor_type, actor_id, patient_id, action, entity_type, ' +
    `entity_id, outcome, ip, user_agent, request_id, details) VALUES (${values.join('), (')})`
  );
}
