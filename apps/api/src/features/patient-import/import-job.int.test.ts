import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, count, eq } from 'drizzle-orm';
import type { ImportPreview, ImportSummary, PatientPage } from '@portico/contracts';
import { createTestApp, type TestApp, type TestPractice } from '../../../test/harness.ts';
import { jobs, outbox } from '../../platform/outbox/tables.ts';
import { runnerOf, type JobHandlers } from '../../platform/outbox/job-handlers.ts';
import { runWorkerOnce } from '../../platform/outbox/worker.ts';
import { recordingLog } from '../../platform/outbox/testing.ts';
import { jobRetryPolicy, retryDelaySeconds } from '../../platform/outbox/rules.ts';
import { patients } from '../patients/tables.ts';
import { auditRows, staffClient } from '../patients/test-support.ts';
import { csvOf, patientRows, previewOf, runImportJob } from './test-support.ts';

let t: TestApp;

beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => t.close());

async function freshPractice() {
  const practice = await t.newPractice(['admin']);
  const client = staffClient(t, practice.cookie);
  const staffUserId = practice.staff.admin?.userId ?? '';
  const step = (importId: string) => {
    const handler = t.context.jobHandlers.patient_import;
    if (!handler) throw new Error('no handler');
    return runnerOf(handler)({
      id: 0,
      practiceId: practice.practiceId,
      payload: { importId, staffUserId },
      attempts: 0,
    });
  };
  const status = async (importId: string) =>
    (await client.get(`/api/practice/patient-imports/${importId}`)).json<ImportPreview>();
  return { practice, client, staffUserId, step, status };
}

const patientCount = async (p: TestPractice) => {
  const [row] = await t.db.system((tx) =>
    tx.select({ n: count() }).from(patients).where(eq(patients.practiceId, p.practiceId)),
  );
  return row?.n ?? 0;
};

describe('the finished-import email', () => {
  it('tells the staff member who started it, with counts and a link but no patient data', async () => {
    const { practice, client, staffUserId, step } = await freshPractice();
    const preview = await previewOf(t, practice.cookie, csvOf(patientRows(3)));
    await client.post(`/api/practice/patient-imports/${preview.id}/commit`);
    const emailsOf = () =>
      t.db.system((tx) =>
        tx.select().from(outbox).where(eq(outbox.practiceId, practice.practiceId)),
      );
    expect(await emailsOf()).toHaveLength(0);
    expect(await step(preview.id)).toBe('done');
    const emails = await emailsOf();
    expect(emails).toHaveLength(1);
    const payload = emails[0]?.payload;
    expect(payload).toMatchObject({
      channel: 'email',
      to: practice.staff.admin?.email,
      subject: 'Your patient import has finished',
    });
    expect(payload?.text).toContain('3 patients were added');
    expect(payload?.text).toContain(`/practice/import?import=${preview.id}`);
    expect(payload?.text).not.toMatch(/Given|Family|@example/);
    expect(staffUserId).toBeTruthy();
  });
});

describe('committing an import', () => {
  it('queues a job in the same transaction, imports the rows, and audits each step', async () => {
    const { practice, client, staffUserId, status } = await freshPractice();
    const preview = await previewOf(t, practice.cookie, csvOf(patientRows(50)));
    const commit = await client.post(`/api/practice/patient-imports/${preview.id}/commit`);
    expect(commit.statusCode).toBe(202);
    expect(commit.json()).toMatchObject({ id: preview.id, status: 'importing', importedRows: 0 });
    const queued = await t.db.system((tx) =>
      tx
        .select()
        .from(jobs)
        .where(and(eq(jobs.practiceId, practice.practiceId), eq(jobs.kind, 'patient_import'))),
    );
    expect(queued).toHaveLength(1);
    expect(queued[0]?.payload).toEqual({ importId: preview.id, staffUserId });

    expect(await runImportJob(t, practice.practiceId, preview.id, staffUserId)).toBe(1);
    expect(await status(preview.id)).toMatchObject({
      status: 'completed',
      importedRows: 50,
      skippedRows: 0,
    });
    expect((await status(preview.id)).completedAt).not.toBeNull();
    expect(await patientCount(practice)).toBe(50);
    const found = (
      await client.get('/api/practice/patients?q=Family17%2C%20Given17')
    ).json<PatientPage>();
    expect(found.items).toMatchObject([
      { firstName: 'Given17', mrn: 'P000017', email: 'given17@example.com' },
    ]);

    const creates = await auditRows(t, practice.practiceId, 'patient.create');
    expect(creates).toHaveLength(50);
    const created = found.items[0];
    expect(creates.find((c) => c.patientId === created?.id)).toMatchObject({
      actorId: staffUserId,
      entityType: 'patient',
      entityId: created?.id,
      details: { importId: preview.id, row: 18 },
    });
    expect(await auditRows(t, practice.practiceId, 'patient_import.commit')).toHaveLength(1);
    expect(await auditRows(t, practice.practiceId, 'patient_import.complete')).toHaveLength(1);
  });

  it('imports only the valid rows of a file with broken ones', async () => {
    const { practice, client, staffUserId, status } = await freshPractice();
    const csv = csvOf([
      'Ann,Able,1980-01-01,,,,',
      'Bob,Baker,1980-13-01,,,,',
      ',Carter,1980-01-03,,,,',
      'Gus,Gray,1980-01-07,,,,',
    ]);
    const preview = await previewOf(t, practice.cookie, csv);
    expect(preview).toMatchObject({ validRows: 2, invalidRows: 2 });
    await client.post(`/api/practice/patient-imports/${preview.id}/commit`);
    await runImportJob(t, practice.practiceId, preview.id, staffUserId);
    expect(await status(preview.id)).toMatchObject({
      status: 'completed',
      importedRows: 2,
      skippedRows: 0,
      invalidRows: 2,
    });
    const names = (await client.get('/api/practice/patients'))
      .json<PatientPage>()
      .items.map((p) => p.lastName);
    expect(names).toEqual(['Able', 'Gray']);
  });

  it('imports 2 500 rows in chunks of 500, with progress visible between steps', async () => {
    const { practice, client, staffUserId, step, status } = await freshPractice();
    const preview = await previewOf(
      t,
      practice.cookie,
      csvOf(patientRows(2500, { mrnPrefix: 'BULK-' })),
    );
    expect(preview.validRows).toBe(2500);
    await client.post(`/api/practice/patient-imports/${preview.id}/commit`);
    expect(await step(preview.id)).toBe('again');
    expect(await status(preview.id)).toMatchObject({ status: 'importing', importedRows: 500 });
    expect(await step(preview.id)).toBe('again');
    expect((await status(preview.id)).importedRows).toBe(1000);
    expect(await runImportJob(t, practice.practiceId, preview.id, staffUserId)).toBe(4);
    expect(await status(preview.id)).toMatchObject({ status: 'completed', importedRows: 2500 });
    expect(await patientCount(practice)).toBe(2500);
    expect(await auditRows(t, practice.practiceId, 'patient.create')).toHaveLength(2500);
    // A late retry of a finished job changes nothing.
    expect(await step(preview.id)).toBe('done');
    expect(await patientCount(practice)).toBe(2500);
  });

  it('skips a row whose MRN was taken between the preview and the import', async () => {
    const { practice, client, staffUserId, status } = await freshPractice();
    const preview = await previewOf(
      t,
      practice.cookie,
      csvOf(patientRows(3, { mrnPrefix: 'RACE-' })),
    );
    const taken = await client.post('/api/practice/patients', {
      firstName: 'Quick',
      lastName: 'Hand',
      dateOfBirth: '1990-01-01',
      mrn: 'RACE-2',
    });
    expect(taken.statusCode).toBe(201);
    await client.post(`/api/practice/patient-imports/${preview.id}/commit`);
    await runImportJob(t, practice.practiceId, preview.id, staffUserId);
    const after = await status(preview.id);
    expect(after).toMatchObject({ status: 'completed', importedRows: 2, skippedRows: 1 });
    expect(after.errors).toEqual([
      {
        row: 3,
        field: 'mrn',
        message: 'This MRN is already used by another patient in this practice.',
      },
    ]);
    expect(await patientCount(practice)).toBe(3);
  });
});

describe('import status changes', () => {
  it('refuses a second commit with 409', async () => {
    const { practice, client } = await freshPractice();
    const preview = await previewOf(t, practice.cookie, csvOf(patientRows(2)));
    expect(
      (await client.post(`/api/practice/patient-imports/${preview.id}/commit`)).statusCode,
    ).toBe(202);
    const again = await client.post(`/api/practice/patient-imports/${preview.id}/commit`);
    expect(again.statusCode).toBe(409);
    expect(again.json()).toMatchObject({
      code: 'CONFLICT',
      message: 'This import is already running.',
    });
    const queued = await t.db.system((tx) =>
      tx.select().from(jobs).where(eq(jobs.practiceId, practice.practiceId)),
    );
    expect(queued).toHaveLength(1);
  });

  it('cancels a running import: it stops at the next step and keeps what was imported', async () => {
    const { practice, client, step, status } = await freshPractice();
    const preview = await previewOf(t, practice.cookie, csvOf(patientRows(700)));
    await client.post(`/api/practice/patient-imports/${preview.id}/commit`);
    expect(await step(preview.id)).toBe('again');
    const cancelled = await client.post(`/api/practice/patient-imports/${preview.id}/cancel`);
    expect(cancelled.statusCode).toBe(200);
    expect(cancelled.json()).toMatchObject({ status: 'cancelled', importedRows: 500 });
    expect(await step(preview.id)).toBe('done');
    expect(await status(preview.id)).toMatchObject({ status: 'cancelled', importedRows: 500 });
    expect(await patientCount(practice)).toBe(500);
    expect(
      (await client.post(`/api/practice/patient-imports/${preview.id}/cancel`)).statusCode,
    ).toBe(409);
    expect(
      (await client.post(`/api/practice/patient-imports/${preview.id}/commit`)).statusCode,
    ).toBe(409);
  });

  it('cancels a preview before it starts, and lists imports newest first', async () => {
    const { practice, client } = await freshPractice();
    const first = await previewOf(t, practice.cookie, csvOf(patientRows(1)));
    t.clock.advanceSeconds(1);
    const second = await previewOf(t, practice.cookie, csvOf(patientRows(1)));
    expect(
      (await client.post(`/api/practice/patient-imports/${first.id}/cancel`)).json(),
    ).toMatchObject({ status: 'cancelled' });
    const list = (await client.get('/api/practice/patient-imports')).json<{
      items: ImportSummary[];
    }>();
    expect(list.items.map((i) => [i.id, i.status])).toEqual([
      [second.id, 'previewed'],
      [first.id, 'cancelled'],
    ]);
  });
});

describe('an import whose job keeps failing', () => {
  it('ends failed, not importing forever, once the job is dead-lettered', async () => {
    const { practice, client, status } = await freshPractice();
    const preview = await previewOf(t, practice.cookie, csvOf(patientRows(3)));
    await client.post(`/api/practice/patient-imports/${preview.id}/commit`);
    // The registered handler, with its step failing every time (the database refusing, say).
    const registered = t.context.jobHandlers.patient_import;
    if (!registered) throw new Error('no handler');
    const failing = () => Promise.reject(new Error('could not write the chunk'));
    const jobHandlers: JobHandlers = {
      patient_import: typeof registered === 'function' ? failing : { ...registered, run: failing },
    };
    const work = () =>
      runWorkerOnce({
        db: t.db,
        clock: t.clock,
        deliverer: t.deliverer,
        jobHandlers,
        log: recordingLog(),
        onlyPracticeIds: [practice.practiceId],
      });

    await work();
    expect((await status(preview.id)).status).toBe('importing'); // still retrying
    for (let attempt = 2; attempt <= jobRetryPolicy.maxAttempts; attempt++) {
      t.clock.advanceSeconds(retryDelaySeconds(attempt - 1, jobRetryPolicy));
      await work();
    }

    const shown = await status(preview.id);
    expect(shown).toMatchObject({ status: 'failed', importedRows: 0 });
    const listed = (await client.get('/api/practice/patient-imports')).json<{
      items: ImportSummary[];
    }>();
    expect(listed.items.find((i) => i.id === preview.id)?.status).toBe('failed');
    expect(await patientCount(practice)).toBe(0);
    const events = await auditRows(t, practice.practiceId, 'patient_import.fail');
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({ entityId: preview.id });
    // A failed import cannot be committed again.
    const again = await client.post(`/api/practice/patient-imports/${preview.id}/commit`);
    expect(again.statusCode).toBe(409);
  });
});
