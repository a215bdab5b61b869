import { and, count, eq, inArray } from 'drizzle-orm';
import { z } from 'zod';
import { bulkInvitationScopeCap, type InvitationChannel } from '@portico/contracts';
import type { Database, Tx } from '../../platform/db/database.ts';
import type { Clock } from '../../platform/clock.ts';
import { systemMeta } from '../../platform/auth/context.ts';
import { writeAudit, type AuditActor } from '../../platform/audit/audit.ts';
import { AppError } from '../../platform/errors.ts';
import type { JobRun } from '../../platform/outbox/job-handlers.ts';
import type { PatientService } from '../patients/service.ts';
import type { PracticeService } from '../practices/service.ts';
import {
  bulkCounts,
  bulkOutcomeOf,
  bulkStepPatients,
  nextBatch,
  type BulkOutcome,
} from './bulk-rules.ts';
import { availableChannels } from './rules.ts';
import type { InvitationService, Sender } from './service.ts';
import { bulkInvitationItems, bulkInvitationRuns } from './tables.ts';

const jobPayload = z.object({ runId: z.uuid(), staffUserId: z.uuid() });

export interface BulkInvitationJobDeps {
  db: Database;
  clock: Clock;
  patients: Pick<PatientService, 'contactFactsInTx' | 'invitablePatientIdsInTx'>;
  practices: Pick<PracticeService, 'settingsInTx'>;
  invitations: Pick<InvitationService, 'sendInTx'>;
}

/** The run, the practice and the staff member a job acts for (audited as that staff member). */
function jobContext(job: JobRun) {
  const { runId, staffUserId } = jobPayload.parse(job.payload);
  const practiceId = job.practiceId;
  if (!practiceId) throw new Error('bulk_invitation job has no practice');
  const actor: AuditActor = {
    practiceId,
    actorType: 'staff',
    actorId: staffUserId,
    meta: systemMeta,
  };
  const sender: Sender = { practiceId, staffUserId, actor };
  return { runId, practiceId, actor, sender };
}

export const runWhere = (practiceId: string, runId: string) =>
  and(eq(bulkInvitationRuns.practiceId, practiceId), eq(bulkInvitationRuns.id, runId));

const itemsOf = (practiceId: string, runId: string) =>
  and(eq(bulkInvitationItems.practiceId, practiceId), eq(bulkInvitationItems.runId, runId));

function isSmsTooLong(error: unknown): boolean {
  return (
    error instanceof AppError &&
    error.code === 'VALIDATION' &&
    (error.details.issues ?? []).some((i) => i.path === 'body.smsTemplateId')
  );
}

export function createBulkInvitationJob({
  db,
  clock,
  patients,
  practices,
  invitations,
}: BulkInvitationJobDeps) {
  /** Starts the run (a scope becomes its patients, at most the cap) and picks the next patients. */
  async function nextPatients(practiceId: string, runId: string): Promise<string[] | null> {
    return db.tenant(practiceId, async (tx) => {
      const [run] = await tx
        .select()
        .from(bulkInvitationRuns)
        .where(runWhere(practiceId, runId))
        .for('update');
      if (run?.status !== 'queued' && run?.status !== 'running') return null;
      let ids = run.patientIds ?? [];
      if (run.status === 'queued') {
        let capped = false;
        if (run.scope) {
          const found = await patients.invitablePatientIdsInTx(
            tx,
            practiceId,
            clock.now(),
            bulkInvitationScopeCap + 1,
          );
          capped = found.length > bulkInvitationScopeCap;
          ids = found.slice(0, bulkInvitationScopeCap);
        }
        await tx
          .update(bulkInvitationRuns)
          .set({ status: 'running', patientIds: ids, total: ids.length, capped })
          .where(runWhere(practiceId, runId));
      }
      const done = await tx
        .select({ patientId: bulkInvitationItems.patientId })
        .from(bulkInvitationItems)
        .where(itemsOf(practiceId, runId));
      return nextBatch(ids, new Set(done.map((d) => d.patientId)), bulkStepPatients);
    });
  }

  /**
   * One patient in its own transaction: the send (or the reason it is skipped) and its recorded
   * outcome commit together, so a retried step never sends to a patient twice.
   */
  async function invitePatient(sender: Sender, runId: string, patientId: string): Promise<void> {
    const { practiceId } = sender;
    await db.tenant(practiceId, async (tx) => {
      const [recorded] = await tx
        .select({ outcome: bulkInvitationItems.outcome })
        .from(bulkInvitationItems)
        .where(and(itemsOf(practiceId, runId), eq(bulkInvitationItems.patientId, patientId)));
      if (recorded) return;
      const outcome = await outcomeOf(tx, sender, patientId);
      await tx.insert(bulkInvitationItems).values({ practiceId, runId, patientId, outcome });
    });
  }

  async function outcomeOf(tx: Tx, sender: Sender, patientId: string): Promise<BulkOutcome> {
    const patient = await patients
      .contactFactsInTx(tx, sender.practiceId, patientId)
      .catch((error: unknown) => {
        if (error instanceof AppError && error.code === 'NOT_FOUND') return null;
        throw error;
      });
    if (!patient) return 'not_found';
    const settings = await practices.settingsInTx(tx, sender.practiceId);
    const send = (channels: InvitationChannel[]) =>
      invitations.sendInTx(tx, sender, patient, settings, { channels });
    try {
      return bulkOutcomeOf(await send(availableChannels(patient)));
    } catch (error) {
      // The text would exceed the SMS limit (a very long practice name): email only, if on file.
      // Nothing was written before this refusal, so the same transaction goes on.
      if (!isSmsTooLong(error)) throw error;
      if (!patient.email) return 'message_too_long';
      return bulkOutcomeOf(await send(['email']));
    }
  }

  /** Counters from the recorded outcomes; the run completes when every patient has one. */
  async function recordProgress(practiceId: string, runId: string, actor: AuditActor) {
    return db.tenant(practiceId, async (tx) => {
      const [run] = await tx
        .select()
        .from(bulkInvitationRuns)
        .where(runWhere(practiceId, runId))
        .for('update');
      if (run?.status !== 'running') return 'done';
      const rows = await tx
        .select({ outcome: bulkInvitationItems.outcome, patients: count() })
        .from(bulkInvitationItems)
        .where(itemsOf(practiceId, runId))
        .groupBy(bulkInvitationItems.outcome);
      const counts = bulkCounts(rows);
      const finished = counts.processed >= run.total;
      const now = clock.now();
      await tx
        .update(bulkInvitationRuns)
        .set({ ...counts, ...(finished ? { status: 'completed', completedAt: now } : {}) })
        .where(runWhere(practiceId, runId));
      if (finished)
        await writeAudit(tx, actor, now, {
          action: 'invitation.bulk_complete',
          entityType: 'bulk_invitation_run',
          entityId: runId,
          details: { total: run.total, sent: counts.sent, skipped: counts.skipped },
        });
      return finished ? 'done' : 'again';
    });
  }

  /** One step: up to `bulkStepPatients` patients, then the counters. 'again' until all are done. */
  async function runBulkInvitationJob(job: JobRun): Promise<'done' | 'again'> {
    const { runId, practiceId, actor, sender } = jobContext(job);
    const batch = await nextPatients(practiceId, runId);
    if (batch === null) return 'done';
    for (const patientId of batch) await invitePatient(sender, runId, patientId);
    return recordProgress(practiceId, runId, actor);
  }

  /** Dead-lettered: the run shows `failed`; invitations sent so far stay sent. */
  async function failBulkInvitationJob(job: JobRun): Promise<void> {
    const { runId, practiceId, actor } = jobContext(job);
    await db.tenant(practiceId, async (tx) => {
      const now = clock.now();
      const failed = await tx
        .update(bulkInvitationRuns)
        .set({ status: 'failed', completedAt: now })
        .where(
          and(
            runWhere(practiceId, runId),
            inArray(bulkInvitationRuns.status, ['queued', 'running']),
          ),
        )
        .returning({ id: bulkInvitationRuns.id });
      if (failed.length === 0) return;
      await writeAudit(tx, actor, now, {
        action: 'invitation.bulk_fail',
        entityType: 'bulk_invitation_run',
        entityId: runId,
        outcome: 'failure',
      });
    });
  }

  return { runBulkInvitationJob, failBulkInvitationJob };
}
