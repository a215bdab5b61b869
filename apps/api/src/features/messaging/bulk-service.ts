import type { BulkMessageRun, bulkMessageRequest } from '@portico/contracts';
import type { z } from 'zod';
import type { StaffContext } from '../../platform/auth/context.ts';
import { requirePermission } from '../../platform/auth/roles.ts';
import { staffActor, writeAudit } from '../../platform/audit/audit.ts';
import { notFound, validation } from '../../platform/errors.ts';
import { enqueueJob } from '../../platform/outbox/enqueue.ts';
import type { JobKindHandler } from '../../platform/outbox/job-handlers.ts';
import { createBulkMessageJob, runWhere, type BulkMessageJobDeps } from './bulk-job.ts';
import { noBulkSkips, skippedList, uniqueIds } from './bulk-rules.ts';
import { containsCardNumber } from './rules.ts';
import { checkMessageVariables } from './template-service.ts';
import { bulkMessageRuns } from './tables.ts';

export type BulkMessageRequest = z.output<typeof bulkMessageRequest>;
export type BulkMessageDeps = BulkMessageJobDeps;

export const bulkMessageJobKind = 'bulk_message';

type RunRow = typeof bulkMessageRuns.$inferSelect;

function toRun(row: RunRow): BulkMessageRun {
  return {
    id: row.id,
    status: row.status,
    total: row.patientIds.length,
    sent: row.sent,
    skipped: skippedList(row.skipped),
    createdAt: row.createdAt.toISOString(),
    finishedAt: row.finishedAt?.toISOString() ?? null,
  };
}

function checkText(request: BulkMessageRequest): void {
  if (request.body.trim() === '') {
    const message = 'Write a message before sending.';
    throw validation(message, [{ path: 'body.body', message }]);
  }
  checkMessageVariables(request);
  for (const field of ['subject', 'body'] as const) {
    if (!containsCardNumber(request[field])) continue;
    const message =
      'This message seems to contain a card number. For your patients’ safety, please remove it.';
    throw validation(message, [{ path: `body.${field}`, message }]);
  }
}

export function createBulkMessageService(deps: BulkMessageDeps) {
  const { db, clock } = deps;
  const job = createBulkMessageJob(deps);

  /**
   * Records the run (each patient once) and queues its job in one transaction (202). Unknown
   * patient ids are not refused here: the job skips them as `not_found`.
   */
  async function create(ctx: StaffContext, request: BulkMessageRequest): Promise<BulkMessageRun> {
    requirePermission(ctx, 'messages.bulk');
    checkText(request);
    const ids = uniqueIds(request.patientIds);
    const now = clock.now();
    return db.tenant(ctx.practiceId, async (tx) => {
      const [row] = await tx
        .insert(bulkMessageRuns)
        .values({
          practiceId: ctx.practiceId,
          createdByStaffId: ctx.staffUserId,
          subject: request.subject,
          body: request.body,
          patientIds: ids,
          skipped: noBulkSkips(),
          status: 'queued',
          createdAt: now,
        })
        .returning();
      if (!row) throw new Error('bulk message insert returned nothing');
      const payload = { runId: row.id, staffUserId: ctx.staffUserId };
      await enqueueJob(tx, ctx.practiceId, bulkMessageJobKind, payload, now);
      await writeAudit(tx, staffActor(ctx), now, {
        action: 'message.bulk',
        entityType: 'bulk_message_run',
        entityId: row.id,
        details: { patients: ids.length, requested: request.patientIds.length },
      });
      return toRun(row);
    });
  }

  async function get(ctx: StaffContext, runId: string): Promise<BulkMessageRun> {
    requirePermission(ctx, 'messages.bulk');
    return db.tenantRead(ctx.practiceId, async (tx) => {
      const [row] = await tx.select().from(bulkMessageRuns).where(runWhere(ctx.practiceId, runId));
      if (!row) throw notFound('Bulk message');
      return toRun(row);
    });
  }

  const jobHandler: JobKindHandler = {
    run: job.runBulkMessageJob,
    onDead: job.failBulkMessageJob,
  };

  return { create, get, jobHandler };
}

export type BulkMessageService = ReturnType<typeof createBulkMessageService>;
