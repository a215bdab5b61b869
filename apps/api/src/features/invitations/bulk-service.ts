import type { BulkInvitationRequest, BulkInvitationRun } from '@portico/contracts';
import type { StaffContext } from '../../platform/auth/context.ts';
import { requirePermission } from '../../platform/auth/roles.ts';
import { staffActor, writeAudit } from '../../platform/audit/audit.ts';
import { notFound } from '../../platform/errors.ts';
import { enqueueJob } from '../../platform/outbox/enqueue.ts';
import { createBulkInvitationJob, runWhere, type BulkInvitationJobDeps } from './bulk-job.ts';
import { noSkips } from './bulk-rules.ts';
import type { PatientService } from '../patients/service.ts';
import { bulkInvitationRuns } from './tables.ts';

export const bulkInvitationJobKind = 'bulk_invitation';

export interface BulkInvitationDeps extends BulkInvitationJobDeps {
  patients: Pick<
    PatientService,
    'contactFactsInTx' | 'invitablePatientIdsInTx' | 'existingPatientIdsInTx'
  >;
}

type RunRow = typeof bulkInvitationRuns.$inferSelect;

function toRun(row: RunRow): BulkInvitationRun {
  return {
    id: row.id,
    status: row.status,
    scope: row.scope,
    total: row.total,
    processed: row.processed,
    sent: row.sent,
    skipped: { ...noSkips(), ...row.skipped },
    capped: row.capped,
    createdAt: row.createdAt.toISOString(),
    completedAt: row.completedAt?.toISOString() ?? null,
  };
}

export function createBulkInvitationService(deps: BulkInvitationDeps) {
  const { db, clock, patients } = deps;
  const job = createBulkInvitationJob(deps);

  /**
   * Records the run and queues its job in one transaction (202). Selected patients must all be
   * the practice's own (else 404, nothing written); a scope is resolved when the job starts.
   */
  async function start(ctx: StaffContext, body: BulkInvitationRequest): Promise<BulkInvitationRun> {
    requirePermission(ctx, 'invitations.send');
    const now = clock.now();
    return db.tenant(ctx.practiceId, async (tx) => {
      const ids = body.patientIds ? [...new Set(body.patientIds)] : null;
      if (ids) {
        const existing = await patients.existingPatientIdsInTx(tx, ctx.practiceId, ids);
        if (existing.size !== ids.length) throw notFound('Patient');
      }
      const [row] = await tx
        .insert(bulkInvitationRuns)
        .values({
          practiceId: ctx.practiceId,
          createdBy: ctx.staffUserId,
          scope: body.scope ?? null,
          patientIds: ids,
          status: 'queued',
          total: ids?.length ?? 0,
          skipped: noSkips(),
          createdAt: now,
        })
        .returning();
      if (!row) throw new Error('bulk invitation insert returned nothing');
      await enqueueJob(
        tx,
        ctx.practiceId,
        bulkInvitationJobKind,
        { runId: row.id, staffUserId: ctx.staffUserId },
        now,
      );
      await writeAudit(tx, staffActor(ctx), now, {
        action: 'invitation.bulk',
        entityType: 'bulk_invitation_run',
        entityId: row.id,
        details: { patients: ids?.length ?? null, scope: body.scope ?? null },
      });
      return toRun(row);
    });
  }

  async function get(ctx: StaffContext, runId: string): Promise<BulkInvitationRun> {
    requirePermission(ctx, 'invitations.send');
    return db.tenantRead(ctx.practiceId, async (tx) => {
      const [row] = await tx
        .select()
        .from(bulkInvitationRuns)
        .where(runWhere(ctx.practiceId, runId));
      if (!row) throw notFound('Bulk invitation');
      return toRun(row);
    });
  }

  return {
    start,
    get,
    jobHandler: { run: job.runBulkInvitationJob, onDead: job.failBulkInvitationJob },
  };
}

export type BulkInvitationService = ReturnType<typeof createBulkInvitationService>;
