import { randomUUID } from 'node:crypto';
import type { ImportPreview } from '@portico/contracts';
import type { TestApp } from '../../../test/harness.ts';
import { runnerOf } from '../../platform/outbox/job-handlers.ts';

/** A multipart/form-data body with one file part named "file" (tests only). */
export function multipartFile(
  fileName: string,
  content: string | Buffer,
  contentType = 'text/csv',
) {
  const boundary = `----portico-${randomUUID()}`;
  const head = `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${fileName}"\r\nContent-Type: ${contentType}\r\n\r\n`;
  const payload = Buffer.concat([
    Buffer.from(head),
    Buffer.isBuffer(content) ? content : Buffer.from(content),
    Buffer.from(`\r\n--${boundary}--\r\n`),
  ]);
  return { payload, headers: { 'content-type': `multipart/form-data; boundary=${boundary}` } };
}

export const csvHeader = 'First Name,Last Name,DOB,Email,Phone Number,MRN,Insurance';

/** `count` valid, distinct patient rows starting at `start`, MRNs `${mrnPrefix}${i}`. */
export function patientRows(
  count: number,
  options: { start?: number; mrnPrefix?: string } = {},
): string[] {
  const start = options.start ?? 1;
  const rows: string[] = [];
  for (let i = start; i < start + count; i++) {
    const dob = `${1940 + (i % 60)}-${String(1 + (i % 12)).padStart(2, '0')}-${String(1 + (i % 28)).padStart(2, '0')}`;
    const mrn = options.mrnPrefix === undefined ? '' : `${options.mrnPrefix}${i}`;
    rows.push(
      `Given${i},Family${i},${dob},given${i}@example.com,555-${String(i).padStart(7, '0')},${mrn},Acme`,
    );
  }
  return rows;
}

export function csvOf(rows: string[], header = csvHeader): string {
  return `${header}\r\n${rows.join('\r\n')}\r\n`;
}

export async function upload(
  t: TestApp,
  cookie: string,
  csv: string | Buffer,
  fileName = 'patients.csv',
) {
  const body = multipartFile(fileName, csv);
  return t.fastify.inject({
    method: 'POST',
    url: '/api/practice/patient-imports',
    headers: { ...body.headers, cookie },
    payload: body.payload,
  });
}

export async function previewOf(t: TestApp, cookie: string, csv: string): Promise<ImportPreview> {
  const res = await upload(t, cookie, csv);
  if (res.statusCode !== 201) throw new Error(`upload failed: ${res.statusCode} ${res.body}`);
  return res.json<ImportPreview>();
}

/** Runs the import job the way the worker would, step by step; returns the number of steps. */
export async function runImportJob(
  t: TestApp,
  practiceId: string,
  importId: string,
  staffUserId: string,
  maxSteps = 100,
): Promise<number> {
  const handler = t.context.jobHandlers.patient_import;
  if (!handler) throw new Error('patient_import handler is not registered');
  for (let step = 1; step <= maxSteps; step++) {
    if (
      (await runnerOf(handler)({
        id: 0,
        practiceId,
        payload: { importId, staffUserId },
        attempts: 0,
      })) === 'done'
    )
      return step;
  }
  throw new Error('import job did not finish');
}
