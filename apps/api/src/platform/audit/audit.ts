import type { Tx } from '../db/database.ts';
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

/** Writes audit events inside the caller's transaction, so the event and the change commit together. */
export async function writeAudit(
  tx: Tx,
  actor: AuditActor,
  now: Date,
  ...entries: AuditEntry[]
): Promise<void> {
  if (entries.length === 0) return;
  await tx.insert(auditEvents).values(
    entries.map((e) => ({
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
    })),
  );
}
