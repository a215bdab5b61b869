import type { ImportPreview, ImportSummary } from '@portico/contracts';
import type { Database } from '../../platform/db/database.ts';
import type { Clock } from '../../platform/clock.ts';
import type { StaffContext } from '../../platform/auth/context.ts';
import { requirePermission } from '../../platform/auth/roles.ts';
import { staffActor, writeAudit } from '../../platform/audit/audit.ts';
import { AppError, validation } from '../../platform/errors.ts';
import { enqueueJob } from '../../platform/outbox/enqueue.ts';
import type { PatientService } from '../patients/service.ts';
import { decodeCsv, readCsv } from './csv-file.ts';
import { createImportJob } from './import-job.ts';
import type { PracticeService } from '../practices/service.ts';
import {
  mapHeaders,
  markFileDuplicates,
  mergeRowErrors,
  nextImportStatus,
  rowCandidate,
  type CheckedRow,
  type ImportEvent,
} from './rules.ts';
import {
  errorsOf,
  importWhere,
  insertRows,
  listImports,
  loadPreview,
  lockImport,
  sampleOf,
  sampleSize,
  toSummary,
  type ImportRow,
} from './store.ts';
import { patientImports } from './tables.ts';

export const patientImportJobKind = 'patient_import';
const listedImports = 20;

export interface PatientImportDeps {
  db: Database;
  clock: Clock;
  patients: Pick<PatientService, 'validateManyInTx' | 'createManyInTx'>;
  /** Who to tell when an import finishes. */
  staff: Pick<PracticeService, 'staffContact'>;
  publicUrl: string;
}

export interface Upload {
  fileName: string;
  bytes: Uint8Array;
}

const columnLabels: Record<string, string> = {
  first_name: 'first name',
  last_name: 'last name',
  date_of_birth: 'date of birth',
};

function cleanFileName(name: string): string {
  const base = name.split(/[\\/]/).pop() ?? '';
  const printable = Array.from(base).filter((ch) => ch.charCodeAt(0) >= 0x20 && ch !== '\u007f');
  const clean = printable.join('').trim().slice(0, 200);
  return clean === '' ? 'patients.csv' : clean;
}

export function createPatientImportService({
  db,
  clock,
  patients,
  staff,
  publicUrl,
}: PatientImportDeps) {
  /** Reads, validates and stores a CSV (every row, valid or not) in one transaction; imports nothing yet. */
  async function preview(ctx: StaffContext, upload: () => Promise<Upload>): Promise<ImportPreview> {
    requirePermission(ctx, 'patients.import');
    const file = await upload();
    const { header, records } = await readCsv(decodeCsv(file.bytes));
    const mapping = mapHeaders(header);
    if (mapping.missing.length > 0) {
      const message = `The file has no ${mapping.missing.map((c) => columnLabels[c] ?? c).join(', ')} column. The first row must name the columns, for example: First Name, Last Name, Date of Birth.`;
      throw validation(message, [{ path: 'file', message }]);
    }
    const prepared = records.map((r) => ({ row: r.row, ...rowCandidate(r.values, mapping) }));
    const now = clock.now();

    return db.tenant(ctx.practiceId, async (tx) => {
      const results = await patients.validateManyInTx(
        tx,
        ctx.practiceId,
        prepared.map((p) => p.candidate),
      );
      const checked: CheckedRow[] = prepared.map((p, i) => {
        const result = results[i];
        const ok = result?.ok === true && p.errors.length === 0;
        return {
          row: p.row,
          patient: ok ? result.patient : null,
          errors: mergeRowErrors(p.errors, result?.ok === false ? result.issues : []),
        };
      });
      markFileDuplicates(checked);
      const valid = checked.filter((c) => c.patient !== null);
      const [imp] = await tx
        .insert(patientImports)
        .values({
          practiceId: ctx.practiceId,
          createdBy: ctx.staffUserId,
          fileName: cleanFileName(file.fileName),
          status: 'previewed',
          columns: mapping.columns,
          ignoredColumns: mapping.ignoredColumns,
          totalRows: checked.length,
          validRows: valid.length,
          invalidRows: checked.length - valid.length,
          createdAt: now,
        })
        .returning();
      if (!imp) throw new Error('import insert returned nothing');
      await insertRows(
        tx,
        checked.map((c, i) => ({
          practiceId: ctx.practiceId,
          importId: imp.id,
          rowNumber: c.row,
          status: c.patient ? 'valid' : 'invalid',
          data: c.patient ? { ...c.patient } : (prepared[i]?.candidate ?? {}),
          errors: c.errors,
        })),
      );
      await writeAudit(tx, staffActor(ctx), now, {
        action: 'patient_import.preview',
        entityType: 'patient_import',
        entityId: imp.id,
        details: {
          totalRows: imp.totalRows,
          validRows: imp.validRows,
          invalidRows: imp.invalidRows,
        },
      });
      return {
        ...toSummary(imp),
        columns: imp.columns,
        ignoredColumns: imp.ignoredColumns,
        sample: valid.slice(0, sampleSize).map((c) => sampleOf(c.row, { ...c.patient })),
        ...errorsOf(checked),
      };
    });
  }

  /** The stored preview with live progress. It shows patient names, so reading it is audited. */
  async function get(ctx: StaffContext, id: string): Promise<ImportPreview> {
    requirePermission(ctx, 'patients.import');
    return db.tenant(ctx.practiceId, async (tx) => {
      const view = await loadPreview(tx, ctx.practiceId, id);
      await writeAudit(tx, staffActor(ctx), clock.now(), {
        action: 'patient_import.read',
        entityType: 'patient_import',
        entityId: id,
      });
      return view;
    });
  }

  async function list(ctx: StaffContext): Promise<{ items: ImportSummary[] }> {
    requirePermission(ctx, 'patients.import');
    return {
      items: await db.tenant(ctx.practiceId, (tx) =>
        listImports(tx, ctx.practiceId, listedImports),
      ),
    };
  }

  /** The one place an import's status changes on request (commit or cancel). */
  async function transition(
    ctx: StaffContext,
    id: string,
    event: Extract<ImportEvent, 'commit' | 'cancel'>,
  ): Promise<ImportSummary> {
    requirePermission(ctx, 'patients.import');
    const now = clock.now();
    return db.tenant(ctx.practiceId, async (tx) => {
      const current = await lockImport(tx, ctx.practiceId, id);
      const next = nextImportStatus(current.status, event);
      if (!next) throw new AppError('CONFLICT', refusal(current));
      if (event === 'commit' && current.validRows === 0)
        throw validation('This file has no valid rows to import.');
      const [row] = await tx
        .update(patientImports)
        .set({ status: next, completedAt: next === 'cancelled' ? now : null })
        .where(importWhere(ctx.practiceId, id))
        .returning();
      if (!row) throw new Error('import update returned nothing');
      if (event === 'commit') {
        await enqueueJob(
          tx,
          ctx.practiceId,
          patientImportJobKind,
          { importId: id, staffUserId: ctx.staffUserId },
          now,
        );
      }
      await writeAudit(tx, staffActor(ctx), now, {
        action: `patient_import.${event}`,
        entityType: 'patient_import',
        entityId: id,
        details: { validRows: row.validRows, importedRows: row.importedRows },
      });
      return toSummary(row);
    });
  }

  const job = createImportJob({ db, clock, patients, staff, publicUrl });

  return {
    preview,
    get,
    list,
    commit: (ctx: StaffContext, id: string) => transition(ctx, id, 'commit'),
    cancel: (ctx: StaffContext, id: string) => transition(ctx, id, 'cancel'),
    /** The job handler with its dead-letter hook (the import ends `failed`), for the worker. */
    importJobHandler: { run: job.runImportJob, onDead: job.failImportJob },
  };
}

export type PatientImportService = ReturnType<typeof createPatientImportService>;

function refusal(current: ImportRow): string {
  switch (current.status) {
    case 'previewed':
      return 'This import has not started yet.';
    case 'importing':
      return 'This import is already running.';
    case 'completed':
      return 'This import has already finished.';
    case 'failed':
      return 'This import has failed and cannot change.';
    case 'cancelled':
      return 'This import was cancelled. Upload the file again to start over.';
  }
}
