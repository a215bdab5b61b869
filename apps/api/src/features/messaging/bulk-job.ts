import { and, eq, inArray } from 'drizzle-orm';
import { z } from 'zod';
import type { Database, Tx } from '../../platform/db/database.ts';
import type { Clock } from '../../platform/clock.ts';
import { systemMeta } from '../../platform/auth/context.ts';
import { writeAudit, type AuditActor } from '../../platform/audit/audit.ts';
import type { JobRun } from '../../platform/outbox/job-handlers.ts';
import { patientBriefsInTx } from '../patients/lookups.ts';
import { registeredPatientIdsInTx } from '../portal-accounts/access-queries.ts';
import { practices } from '../practices/tables.ts';
import {
  addOutcomes,
  bulkOutcomeFor,
  bulkStepPatients,
  chunkAt,
  noBulkSkips,
  type BulkOutcome,
} from './bulk-rules.ts';
import { messageValuesFor, renderMessageTemplate } from './template-rules.ts';
import { practicePhone, staffNameInTx } from './template-service.ts';
import type { StartThreadAsStaff } from './thread-writes.ts';
import { bulkMessageRuns } from './tables.ts';

export interface BulkMessageJobDeps {
  db: Database;
  clock: Clock;
  startThread: StartThreadAsStaff;
  /** Patients per job step (one transaction); `bulkStepPatients` unless a test asks for fewer. */
  chunkSize?: number;
}

type RunRow = typeof bulkMessageRuns.$inferSelect;

const jobPayload = z.object({ runId: z.uuid(), staffUserId: z.uuid() });

export const runWhere = (practiceId: string, runId: string) =>
  and(eq(bulkMessageRuns.practiceId, practiceId), eq(bulkMessageRuns.id, runId));

/** The run, the practice and the staff member a job acts for (messages are sent as them). */
function jobContext(job: JobRun) {
  const { runId, staffUserId } = jobPayload.parse(job.payload);
  const practiceId = job.practiceId;
  if (!practiceId) throw new Error('bulk_message job has no practice');
  const actor: AuditActor = {
    practiceId,
    actorType: 'staff',
    actorId: staffUserId,
    meta: systemMeta,
  };
  return { runId, staffUserId, practiceId, actor };
}

export function createBulkMessageJob({ db, clock, startThread, chunkSize }: BulkMessageJobDeps) {
  const size = chunkSize ?? bulkStepPatients;

  /** Each patient of the chunk: skipped with a reason, or sent a thread of their own. */
  async function sendChunk(
    tx: Tx,
    run: RunRow,
    ids: string[],
    phone: string | null,
    now: Date,
  ): Promise<BulkOutcome[]> {
    const { practiceId, createdByStaffId: staffUserId } = run;
    if (ids.length === 0) return [];
    const byId = await patientBriefsInTx(tx, practiceId, ids);
    const registered = await registeredPatientIdsInTx(tx, practiceId, ids);
    const [practice] = await tx
      .select({ name: practices.name })
      .from(practices)
      .where(eq(practices.id, practiceId));
    const staffName = await staffNameInTx(tx, staffUserId);
    const outcomes: BulkOutcome[] = [];
    for (const patientId of ids) {
      const patient = byId.get(patientId);
      const outcome = bulkOutcomeFor(
        patient && { endDate: patient.endDate, registered: registered.has(patientId) },
      );
      outcomes.push(outcome);
      if (outcome !== 'send' || !patient) continue;
      const values = messageValuesFor({
        patient,
        practice: { name: practice?.name ?? '', phone },
        staff: { name: staffName },
      });
      await startThread(tx, {
        practiceId,
        staffUserId,
        patientId,
        subject: renderMessageTemplate(run.subject, values),
        body: renderMessageTemplate(run.body, values),
        providerId: null,
        locationId: null,
        now,
      });
    }
    return outcomes;
  }

  /**
   * One step: the next chunk of patients from the run's position. The threads of the chunk and
   * the run's new position and counters commit together (the run row is locked), so a crash
   * loses at most this chunk and a re-run never sends to a patient twice.
   */
  async function runBulkMessageJob(job: JobRun): Promise<'done' | 'again'> {
    const { runId, practiceId, actor } = jobContext(job);
    const phone = await practicePhone(db, practiceId);
    return db.tenant(practiceId, async (tx) => {
      const [run] = await tx
        .select()
        .from(bulkMessageRuns)
        .where(runWhere(practiceId, runId))
        .for('update');
      if (run?.status !== 'queued' && run?.status !== 'running') return 'done';
      const now = clock.now();
      const ids = chunkAt(run.patientIds, run.position, size);
      const outcomes = await sendChunk(tx, run, ids, phone, now);
      const counters = addOutcomes(
        { sent: run.sent, skipped: { ...noBulkSkips(), ...run.skipped } },
        outcomes,
      );
      const position = run.position + ids.length;
      const finished = position >= run.patientIds.length;
      await tx
        .update(bulkMessageRuns)
        .set({
          position,
          ...counters,
          status: finished ? 'done' : 'running',
          finishedAt: finished ? now : null,
        })
        .where(runWhere(practiceId, runId));
      if (finished)
        await writeAudit(tx, actor, now, {
          action: 'message.bulk_complete',
          entityType: 'bulk_message_run',
          entityId: runId,
          details: { total: run.patientIds.length, ...counters },
        });
      return finished ? 'done' : 'again';
    });
  }

  /** Dead-lettered: the run shows `failed`; threads sent so far stay sent. */
  async function failBulkMessageJob(job: JobRun): Promise<void> {
    const { runId, practiceId, actor } = jobContext(job);
    await db.tenant(practiceId, async (tx) => {
      const now = clock.now();
      const failed = await tx
        .update(bulkMessageRuns)
        .set({ status: 'failed', finishedAt: now })
        .where(
          and(runWhere(practiceId, runId), inArray(bulkMessageRuns.status, ['queued', 'running'])),
        )
        .returning({ id: bulkMessageRuns.id });
      if (failed.length === 0) return;
      await writeAudit(tx, actor, now, {
        action: 'message.bulk_fail',
        entityType: 'bulk_message_run',
        entityId: runId,
        outcome: 'failure',
      });
    });
  }

  return { runBulkMessageJob, failBulkMessageJob };
}
