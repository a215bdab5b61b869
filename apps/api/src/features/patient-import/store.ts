import { and, asc, desc, eq, inArray, sql } from 'drizzle-orm';
import type { ImportPreview, ImportSummary } from '@portico/contracts';
import type { Tx } from '../../platform/db/database.ts';
import { notFound } from '../../platform/errors.ts';
import type { RowError } from './rules.ts';
import { patientImportRows, patientImports } from './tables.ts';

export type ImportRow = typeof patientImports.$inferSelect;
export type StoredRow = typeof patientImportRows.$inferInsert;
export type RowData = Record<string, string | null>;

export const sampleSize = 20;
export const maxErrorsShown = 200;
const insertBatchRows = 1000;

export function toSummary(row: ImportRow): ImportSummary {
  return {
    id: row.id,
    fileName: row.fileName,
    status: row.status,
    totalRows: row.totalRows,
    validRows: row.validRows,
    invalidRows: row.invalidRows,
    importedRows: row.importedRows,
    skippedRows: row.skippedRows,
    createdAt: row.createdAt.toISOString(),
    completedAt: row.completedAt?.toISOString() ?? null,
  };
}

export function sampleOf(row: number, data: RowData): ImportPreview['sample'][number] {
  return {
    row,
    firstName: data.firstName ?? '',
    lastName: data.lastName ?? '',
    dateOfBirth: data.dateOfBirth ?? '',
    email: data.email ?? null,
    phone: data.phone ?? null,
    mrn: data.mrn ?? null,
  };
}

/** The first errors of a file in row order, at most `maxErrorsShown`. */
export function errorsOf(
  rows: { row: number; errors: { field: string | null; message: string }[] }[],
): Pick<ImportPreview, 'errors' | 'errorsTruncated'> {
  const all = rows.flatMap((r) =>
    r.errors.map((e) => ({ row: r.row, field: e.field, message: e.message })),
  );
  return { errors: all.slice(0, maxErrorsShown), errorsTruncated: all.length > maxErrorsShown };
}

export async function insertRows(tx: Tx, rows: StoredRow[]): Promise<void> {
  for (let i = 0; i < rows.length; i += insertBatchRows) {
    await tx.insert(patientImportRows).values(rows.slice(i, i + insertBatchRows));
  }
}

export function importWhere(practiceId: string, id: string) {
  return and(eq(patientImports.practiceId, practiceId), eq(patientImports.id, id));
}

/** The import, locked for a status change; another practice's is not found (404). */
export async function lockImport(tx: Tx, practiceId: string, id: string): Promise<ImportRow> {
  const [row] = await tx
    .select()
    .from(patientImports)
    .where(importWhere(practiceId, id))
    .for('update');
  if (!row) throw notFound('Import');
  return row;
}

/** The preview as stored, with live progress: sample rows and the first errors. */
export async function loadPreview(tx: Tx, practiceId: string, id: string): Promise<ImportPreview> {
  const [imp] = await tx.select().from(patientImports).where(importWhere(practiceId, id));
  if (!imp) throw notFound('Import');
  const ofThisImport = and(
    eq(patientImportRows.practiceId, practiceId),
    eq(patientImportRows.importId, id),
  );
  const columns = {
    row: patientImportRows.rowNumber,
    data: patientImportRows.data,
    errors: patientImportRows.errors,
  };
  const sample = await tx
    .select(columns)
    .from(patientImportRows)
    .where(and(ofThisImport, inArray(patientImportRows.status, ['valid', 'imported', 'skipped'])))
    .orderBy(asc(patientImportRows.rowNumber))
    .limit(sampleSize);
  const withErrors = await tx
    .select(columns)
    .from(patientImportRows)
    .where(and(ofThisImport, inArray(patientImportRows.status, ['invalid', 'skipped'])))
    .orderBy(asc(patientImportRows.rowNumber))
    .limit(maxErrorsShown + 1);
  return {
    ...toSummary(imp),
    columns: imp.columns,
    ignoredColumns: imp.ignoredColumns,
    sample: sample.map((r) => sampleOf(r.row, r.data)),
    ...errorsOf(withErrors),
  };
}

export async function listImports(
  tx: Tx,
  practiceId: string,
  limit: number,
): Promise<ImportSummary[]> {
  const rows = await tx
    .select()
    .from(patientImports)
    .where(eq(patientImports.practiceId, practiceId))
    .orderBy(desc(patientImports.createdAt), desc(patientImports.id))
    .limit(limit);
  return rows.map(toSummary);
}

export interface RowOutcome {
  row: number;
  status: 'imported' | 'skipped';
  patientId: string | null;
  errors: RowError[];
}

/** Marks a chunk's rows in one statement (the same transaction as the patient inserts). */
export async function markRows(
  tx: Tx,
  practiceId: string,
  importId: string,
  outcomes: RowOutcome[],
): Promise<void> {
  if (outcomes.length === 0) return;
  const payload = JSON.stringify(
    outcomes.map((o) => ({
      row_number: o.row,
      status: o.status,
      patient_id: o.patientId,
      errors: o.errors,
    })),
  );
  await tx.execute(sql`
    UPDATE patient_import_rows AS r
    SET status = v.status, patient_id = v.patient_id, errors = v.errors
    FROM jsonb_to_recordset(${payload}::jsonb) AS v(row_number int, status text, patient_id uuid, errors jsonb)
    WHERE r.practice_id = ${practiceId} AND r.import_id = ${importId} AND r.row_number = v.row_number`);
}
