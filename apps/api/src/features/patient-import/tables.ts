import {
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uuid,
} from 'drizzle-orm/pg-core';
import { practices } from '../practices/tables.ts';
import { staffUsers } from '../staff-auth/tables.ts';
import { patients } from '../patients/tables.ts';

export const patientImports = pgTable(
  'patient_imports',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    practiceId: uuid('practice_id')
      .notNull()
      .references(() => practices.id),
    createdBy: uuid('created_by')
      .notNull()
      .references(() => staffUsers.id),
    fileName: text('file_name').notNull(),
    status: text('status', {
      enum: ['previewed', 'importing', 'completed', 'failed', 'cancelled'],
    }).notNull(),
    columns: jsonb('columns').$type<string[]>().notNull(),
    ignoredColumns: jsonb('ignored_columns').$type<string[]>().notNull(),
    totalRows: integer('total_rows').notNull(),
    validRows: integer('valid_rows').notNull(),
    invalidRows: integer('invalid_rows').notNull(),
    importedRows: integer('imported_rows').notNull().default(0),
    skippedRows: integer('skipped_rows').notNull().default(0),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    completedAt: timestamp('completed_at', { withTimezone: true }),
  },
  (t) => [index('patient_imports_practice_idx').on(t.practiceId, t.createdAt)],
);

/** Each parsed row, validated at preview; imported in chunks by the job worker. */
export const patientImportRows = pgTable(
  'patient_import_rows',
  {
    practiceId: uuid('practice_id')
      .notNull()
      .references(() => practices.id),
    importId: uuid('import_id')
      .notNull()
      .references(() => patientImports.id),
    rowNumber: integer('row_number').notNull(),
    status: text('status', { enum: ['valid', 'invalid', 'imported', 'skipped'] }).notNull(),
    data: jsonb('data').$type<Record<string, string | null>>().notNull(),
    errors: jsonb('errors').$type<{ field: string | null; message: string }[]>().notNull(),
    patientId: uuid('patient_id').references(() => patients.id),
  },
  (t) => [primaryKey({ columns: [t.practiceId, t.importId, t.rowNumber] })],
);
