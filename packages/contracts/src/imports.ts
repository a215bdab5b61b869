import { z } from 'zod';
import { uuid } from './common.ts';

export const importStatus = z.enum(['previewed', 'importing', 'completed', 'failed', 'cancelled']);
export type ImportStatus = z.infer<typeof importStatus>;

export const importRowError = z.object({
  row: z.number().int(),
  field: z.string().nullable(),
  message: z.string(),
});

export const importSummary = z.object({
  id: uuid,
  fileName: z.string(),
  status: importStatus,
  totalRows: z.number().int(),
  validRows: z.number().int(),
  invalidRows: z.number().int(),
  importedRows: z.number().int(),
  skippedRows: z.number().int(),
  createdAt: z.string(),
  completedAt: z.string().nullable(),
});
export type ImportSummary = z.infer<typeof importSummary>;

export const importPreview = importSummary.extend({
  columns: z.array(z.string()),
  /** Unrecognised header names, ignored on import. */
  ignoredColumns: z.array(z.string()),
  sample: z.array(
    z.object({
      row: z.number().int(),
      firstName: z.string(),
      lastName: z.string(),
      dateOfBirth: z.string(),
      email: z.string().nullable(),
      phone: z.string().nullable(),
      mrn: z.string().nullable(),
    }),
  ),
  errors: z.array(importRowError),
  errorsTruncated: z.boolean(),
});
export type ImportPreview = z.infer<typeof importPreview>;

/** Headers the importer understands (case- and punctuation-insensitive), with aliases. */
export const importColumns = [
  'first_name',
  'last_name',
  'preferred_name',
  'date_of_birth',
  'sex',
  'email',
  'phone',
  'mrn',
  'address_line1',
  'address_line2',
  'city',
  'region',
  'postal_code',
] as const;
