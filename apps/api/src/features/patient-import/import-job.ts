import { and, asc, eq, sql } from 'drizzle-orm';
import { z } from 'zod';
import type { Database } from '../../platform/db/database.ts';
import type { Clock } from '../../platform/clock.ts';
import { systemMeta } from '../../platform/auth/context.ts';
import { writeAudit, type AuditActor, type AuditEntry } from '../../platform/audit/audit.ts';
import type { JobRun } from '../../platform/outbox/job-handlers.ts';
import type { NewPatient } from '../patients/rules.ts';
import type { PatientService } from '../patients/service.ts';
import { enqueueNotification } from '../../platform/outbox/enqueue.ts';
import type { PracticeService } from '../practices/service.ts';
import { importFinishedEmail, mergeRowErrors, nextImportStatus } from './rules.ts';
import { importWhere, markRows, type RowOutcome } from './store.ts';
import { patientImportRows, patientImports } from './tables.ts';

/** Rows imported per job step: one transaction each, so a crash loses at most one uncommitted chunk. */
export const importChunkRows = 500;

const jobPayload = z.object({ importId: z.uuid(), staffUserId: z.uuid() });

export interface ImportJobDeps {
  db: Database;
  clock: Clock;
  patients: Pick<PatientService, 'validateManyInTx' | 'createManyInTx'>;
  staff: Pick<PracticeService, 'staffContact'>;
  publicUrl: string;
}

/** The import, the practice and the staff member a job acts for (audited as that staff member). */
function jobContext(job: JobRun) {
  const { importId, staffUserId } = jobPayload.parse(job.payload);
  const practiceId = job.practiceId;
  if (!practiceId) throw new Error('patient_import job has no practice');
  const actor: AuditActor = {
    practiceId,
    actorType: 'staff',
    actorId: staffUserId,
    meta: systemMeta,
  };
  return { importId, staffUserId, practiceId, actor };
}

export function createImportJob({ db, clock, patients, staff, publicUrl }: ImportJobDeps) {
  /**
   * One step of a committed import: the next chunk of valid rows becomes patients, and those rows
   * are marked in the same transaction (a retry never imports a row twice). 'again' until no valid
   * rows remain; a cancelled import stops at the next step.
   */
  async function runImportJob(job: JobRun): Promise<'done' | 'again'> {
    const { importId, staffUserId, practiceId, actor } = jobContext(job);

    // Looked up before the tenant transaction: the staff directory is not tenant data.
    const starter = await staff.staffContact(staffUserId);

    return db.tenant(practiceId, async (tx) => {
      const [imp] = await tx
        .select()
        .from(patientImports)
        .where(importWhere(practiceId, importId))
        .for('update');
      if (imp?.status !== 'importing') return 'done';
      const rows = await tx
        .select({ row: patientImportRows.rowNumber, data: patientImportRows.data })
        .from(patientImportRows)
        .where(
          and(
            eq(patientImportRows.practiceId, practiceId),
            eq(patientImportRows.importId, importId),
            eq(patientImportRows.status, 'valid'),
          ),
        )
        .orderBy(asc(patientImportRows.rowNumber))
        .limit(importChunkRows);

      // MRNs may have been taken since the preview: validate again, and let the insert settle races.
      const checks = await patients.validateManyInTx(
        tx,
        practiceId,
        rows.map((r) => r.data),
      );
      const accepted: { index: number; patient: NewPatient }[] = [];
      checks.forEach((check, index) => {
        if (check.ok) accepted.push({ index, patient: check.patient });
      });
      const inserts = await patients.createManyInTx(
        tx,
        practiceId,
        accepted.map((a) => a.patient),
      );
      const outcomes: RowOutcome[] = rows.map((r, index) => {
        const check = checks[index];
        return check?.ok === false
          ? {
              row: r.row,
              status: 'skipped',
              patientId: null,
              errors: mergeRowErrors([], check.issues),
            }
          : { row: r.row, status: 'skipped', patientId: null, errors: [] };
      });
      accepted.forEach((a, i) => {
        const insert = inserts[i];
        const row = rows[a.index];
        if (!insert || !row) return;
        outcomes[a.index] = insert.ok
          ? { row: row.row, status: 'imported', patientId: insert.row.id, errors: [] }
          : {
              row: row.row,
              status: 'skipped',
              patientId: null,
              errors: mergeRowErrors([], [insert.issue]),
            };
      });
      await markRows(tx, practiceId, importId, outcomes);

      const imported = outcomes.filter((o) => o.status === 'imported').length;
      const skipped = outcomes.length - imported;
      const finished = rows.length < importChunkRows;
      const now = clock.now();
      const [after] = await tx
        .update(patientImports)
        .set({
          importedRows: sql`${patientImports.importedRows} + ${imported}`,
          skippedRows: sql`${patientImports.skippedRows} + ${skipped}`,
          ...(finished
            ? { status: nextImportStatus(imp.status, 'complete') ?? 'completed', completedAt: now }
            : {}),
        })
        .where(importWhere(practiceId, importId))
        .returning();
      // One event per created patient, so each patient's own audit trail shows how it began.
      const entries: AuditEntry[] = outcomes.flatMap((o) =>
        o.status === 'imported' && o.patientId
          ? [
              {
                action: 'patient.create',
                entityType: 'patient',
                entityId: o.patientId,
                patientId: o.patientId,
                details: { importId, row: o.row },
              },
            ]
          : [],
      );
      if (finished) {
        entries.push({
          action: 'patient_import.complete',
          entityType: 'patient_import',
          entityId: importId,
          details: { importedRows: after?.importedRows ?? 0, skippedRows: after?.skippedRows ?? 0 },
        });
      }
      await writeAudit(tx, actor, now, ...entries);
      if (finished && starter && after) {
        const email = importFinishedEmail({
          importedRows: after.importedRows,
          skippedRows: after.skippedRows,
          link: `${publicUrl}/practice/import?import=${importId}`,
        });
        await enqueueNotification(
          tx,
          practiceId,
          { channel: 'email', to: starter.email, ...email },
          now,
        );
      }
      return finished ? 'done' : 'again';
    });
  }

  /**
   * The job was dead-lettered (every attempt of a step failed): the import becomes `failed`, so
   * the console stops showing progress that will never come. Rows imported so far stay imported.
   */
  async function failImportJob(job: JobRun): Promise<void> {
    const { importId, practiceId, actor } = jobContext(job);
    await db.tenant(practiceId, async (tx) => {
      const [imp] = await tx
        .select()
        .from(patientImports)
        .where(importWhere(practiceId, importId))
        .for('update');
      const next = imp ? nextImportStatus(imp.status, 'fail') : null;
      if (!imp || !next) return; // gone, or already finished or cancelled
      const now = clock.now();
      await tx
        .update(patientImports)
        .set({ status: next, completedAt: now })
        .where(importWhere(practiceId, importId));
      await writeAudit(tx, actor, now, {
        action: 'patient_import.fail',
        entityType: 'patient_import',
        entityId: importId,
        outcome: 'failure',
        details: { importedRows: imp.importedRows, skippedRows: imp.skippedRows },
      });
    });
  }

  return { runImportJob, failImportJob };
}
