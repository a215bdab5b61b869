import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { count, eq } from 'drizzle-orm';
import type { ImportPreview } from '@portico/contracts';
import { createTestApp, type TestApp, type TestPractice } from '../../../test/harness.ts';
import { auditRows, staffClient, type StaffClient } from '../patients/test-support.ts';
import { patientImportRows, patientImports } from './tables.ts';
import { csvHeader, csvOf, multipartFile, patientRows, previewOf, upload } from './test-support.ts';

let t: TestApp;
let practice: TestPractice;
let admin: StaffClient;

beforeAll(async () => {
  t = await createTestApp();
  practice = await t.newPractice(['admin', 'front_desk', 'billing']);
  admin = staffClient(t, practice.cookie);
});
afterAll(async () => t.close());

const storedImports = async (practiceId: string) => {
  const [imports] = await t.db.system((tx) =>
    tx.select({ n: count() }).from(patientImports).where(eq(patientImports.practiceId, practiceId)),
  );
  const [rows] = await t.db.system((tx) =>
    tx
      .select({ n: count() })
      .from(patientImportRows)
      .where(eq(patientImportRows.practiceId, practiceId)),
  );
  return { imports: imports?.n ?? 0, rows: rows?.n ?? 0 };
};

describe('CSV preview', () => {
  it('stores every row, maps the columns, shows a sample and audits the preview with counts', async () => {
    const preview = await previewOf(
      t,
      practice.cookie,
      csvOf(patientRows(50, { mrnPrefix: 'OK-' })),
    );
    expect(preview).toMatchObject({
      fileName: 'patients.csv',
      status: 'previewed',
      totalRows: 50,
      validRows: 50,
      invalidRows: 0,
      importedRows: 0,
      columns: ['first_name', 'last_name', 'date_of_birth', 'email', 'phone', 'mrn'],
      ignoredColumns: ['Insurance'],
      errors: [],
      errorsTruncated: false,
    });
    expect(preview.sample).toHaveLength(20);
    expect(preview.sample[0]).toEqual({
      row: 2,
      firstName: 'Given1',
      lastName: 'Family1',
      dateOfBirth: '1941-02-02',
      email: 'given1@example.com',
      phone: '555-0000001',
      mrn: 'OK-1',
    });
    expect((await storedImports(practice.practiceId)).rows).toBeGreaterThanOrEqual(50);
    const [event] = (await auditRows(t, practice.practiceId, 'patient_import.preview')).slice(-1);
    expect(event).toMatchObject({
      entityId: preview.id,
      details: { totalRows: 50, validRows: 50, invalidRows: 0 },
    });

    const again = await admin.get(`/api/practice/patient-imports/${preview.id}`);
    expect(again.json()).toEqual(preview);
    expect((await auditRows(t, practice.practiceId, 'patient_import.read')).at(-1)).toMatchObject({
      entityId: preview.id,
    });
  });

  it('reports each broken row by spreadsheet row number and column', async () => {
    const existing = await admin.post('/api/practice/patients', {
      firstName: 'Ex',
      lastName: 'Isting',
      dateOfBirth: '1970-01-01',
      mrn: 'EXIST-1',
    });
    expect(existing.statusCode).toBe(201);
    const csv = csvOf([
      'Ann,Able,1980-01-01,,,B-1,', // row 2: valid
      'Bob,Baker,31/12/1980,,,B-2,', // row 3: impossible US date
      ',Carter,1980-01-03,,,B-3,', // row 4: missing first name
      'Dan,Dunn,1980-01-04,,,B-1,', // row 5: MRN repeats row 2
      'Eve,Evans,1980-01-05,,,EXIST-1,', // row 6: MRN already in the practice
      'ann,ABLE,01/01/1980,,,,', // row 7: same person as row 2
      'Fay,Fox,1980-01-06,not-an-email,,,', // row 8: bad email
      'Gus,Gray,1980-01-07,,,,', // row 9: valid (MRN assigned at import)
    ]);
    const preview = await previewOf(t, practice.cookie, csv);
    expect(preview).toMatchObject({ totalRows: 8, validRows: 2, invalidRows: 6 });
    expect(preview.errors).toEqual([
      {
        row: 3,
        field: 'date_of_birth',
        message: 'Enter the date of birth as YYYY-MM-DD or MM/DD/YYYY.',
      },
      { row: 4, field: 'first_name', message: 'First name is required.' },
      { row: 5, field: 'mrn', message: 'Same MRN as row 2.' },
      {
        row: 6,
        field: 'mrn',
        message: 'This MRN is already used by another patient in this practice.',
      },
      { row: 7, field: null, message: 'Duplicate of row 2 (same name and date of birth).' },
      { row: 8, field: 'email', message: 'Enter a valid email address.' },
    ]);
    expect(preview.sample.map((s) => s.row)).toEqual([2, 9]);
  });

  it('refuses a file missing a required column, storing nothing', async () => {
    const p = await t.newPractice(['admin']);
    const res = await upload(
      t,
      p.cookie,
      csvOf(['Ann,Able,a@example.com'], 'First Name,Last Name,Email'),
    );
    expect(res.statusCode).toBe(400);
    expect(res.json()).toMatchObject({
      code: 'VALIDATION',
      message: expect.stringMatching(/no date of birth column/) as unknown,
    });
    expect(await storedImports(p.practiceId)).toEqual({ imports: 0, rows: 0 });
  });

  it('reads a UTF-8 file with a byte-order mark, semicolons and quoted fields', async () => {
    const csv = `\ufeff"Last Name";"First Name";"Date of Birth";"Zip"\r\n"Núñez, Jr.";José;04/12/1980;62701\r\n\r\n`;
    const preview = await previewOf(t, practice.cookie, csv);
    expect(preview).toMatchObject({
      validRows: 1,
      columns: ['last_name', 'first_name', 'date_of_birth', 'postal_code'],
    });
    expect(preview.sample[0]).toMatchObject({
      lastName: 'Núñez, Jr.',
      firstName: 'José',
      dateOfBirth: '1980-04-12',
    });
  });

  it('caps the error list at 200 and says so', async () => {
    const rows = Array.from({ length: 205 }, (_, i) => `Bad${i},Row,not-a-date,,,,`);
    const preview = await previewOf(t, practice.cookie, csvOf(rows));
    expect(preview).toMatchObject({ invalidRows: 205, errorsTruncated: true });
    expect(preview.errors).toHaveLength(200);
  });
});

describe('upload refusals', () => {
  it('refuses a file over 10 MB with 413 and a clear message, storing nothing', async () => {
    const p = await t.newPractice(['admin']);
    const big = csvOf(patientRows(1)) + `${'x'.repeat(1000)}\n`.repeat(10_600);
    const res = await upload(t, p.cookie, big);
    expect(res.statusCode).toBe(413);
    expect(res.json()).toMatchObject({
      code: 'PAYLOAD_TOO_LARGE',
      message: expect.stringMatching(/larger than 10 MB/) as unknown,
    });
    expect(await storedImports(p.practiceId)).toEqual({ imports: 0, rows: 0 });
  });

  it('refuses content that is not CSV (415), whatever its name', async () => {
    const pdf = Buffer.concat([Buffer.from('%PDF-1.7\n'), Buffer.from([0, 1, 2, 3, 0xff, 0xfe])]);
    const res = await upload(t, practice.cookie, pdf, 'patients.csv');
    expect(res.statusCode).toBe(415);
    expect(res.json()).toMatchObject({
      code: 'UNSUPPORTED_MEDIA_TYPE',
      message: expect.stringMatching(/CSV/) as unknown,
    });
  });

  it('refuses a request that is not multipart, and one without a file', async () => {
    expect((await admin.post('/api/practice/patient-imports', { csv: 'a,b' })).statusCode).toBe(
      415,
    );
    const empty = multipartFile('x.csv', '');
    const noFile = await t.fastify.inject({
      method: 'POST',
      url: '/api/practice/patient-imports',
      headers: { ...empty.headers, cookie: practice.cookie },
      payload: empty.payload.toString().replace('name="file"; filename="x.csv"', 'name="note"'),
    });
    expect(noFile.statusCode).toBe(400);
  });

  it('refuses roles without the import permission (403), storing nothing', async () => {
    const before = await storedImports(practice.practiceId);
    const res = await upload(t, practice.staff.billing?.cookie ?? '', csvOf(patientRows(2)));
    expect(res.statusCode).toBe(403);
    expect(await storedImports(practice.practiceId)).toEqual(before);
    const frontDesk = await upload(
      t,
      practice.staff.front_desk?.cookie ?? '',
      csvOf(patientRows(2)),
    );
    expect(frontDesk.statusCode).toBe(201);
  });

  it("answers 404 for another practice's import", async () => {
    const other = await t.newPractice(['admin']);
    const theirs = await previewOf(t, other.cookie, `${csvHeader}\nA,B,1980-01-01,,,,\n`);
    expect((await admin.get(`/api/practice/patient-imports/${theirs.id}`)).statusCode).toBe(404);
    expect((await admin.post(`/api/practice/patient-imports/${theirs.id}/commit`)).statusCode).toBe(
      404,
    );
    expect((await admin.post(`/api/practice/patient-imports/${theirs.id}/cancel`)).statusCode).toBe(
      404,
    );
    const list = (await admin.get('/api/practice/patient-imports')).json<{
      items: ImportPreview[];
    }>();
    expect(list.items.map((i) => i.id)).not.toContain(theirs.id);
  });
});
