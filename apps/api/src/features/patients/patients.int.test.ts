import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { count, eq } from 'drizzle-orm';
import type { PatientDetail } from '@portico/contracts';
import { createTestApp, type TestApp, type TestPractice } from '../../../test/harness.ts';
import { patients } from './tables.ts';
import { auditRows, janeDoe, staffClient, type StaffClient } from './test-support.ts';

let t: TestApp;
let practice: TestPractice;
let admin: StaffClient;
let frontDesk: StaffClient;
let billing: StaffClient;

beforeAll(async () => {
  t = await createTestApp();
  practice = await t.newPractice(['admin', 'front_desk', 'billing']);
  admin = staffClient(t, practice.cookie);
  frontDesk = staffClient(t, practice.staff.front_desk?.cookie ?? '');
  billing = staffClient(t, practice.staff.billing?.cookie ?? '');
});
afterAll(async () => t.close());

const patientCount = async (practiceId: string) => {
  const [row] = await t.db.system((tx) =>
    tx.select({ n: count() }).from(patients).where(eq(patients.practiceId, practiceId)),
  );
  return row?.n ?? 0;
};

async function createPatient(
  client: StaffClient,
  body: Record<string, unknown> = janeDoe,
): Promise<PatientDetail> {
  const res = await client.post('/api/practice/patients', body);
  expect(res.statusCode, res.body).toBe(201);
  return res.json<PatientDetail>();
}

describe('creating and reading a patient', () => {
  it('creates with a generated MRN, normalised email and phone, and audits the create and the read', async () => {
    const p = await t.newPractice(['admin']);
    const client = staffClient(t, p.cookie);
    const created = await createPatient(client, { ...janeDoe, phone: '  (555) 201-4433 ' });
    expect(created).toMatchObject({
      mrn: 'P000001',
      email: 'jane.doe@example.com',
      phone: '(555) 201-4433',
      status: 'active',
      version: 1,
    });
    const read = await client.get(`/api/practice/patients/${created.id}`);
    expect(read.statusCode).toBe(200);
    expect(read.json()).toEqual(created);

    const [createEvent] = await auditRows(t, p.practiceId, 'patient.create');
    expect(createEvent).toMatchObject({
      actorType: 'staff',
      actorId: p.staff.admin?.userId,
      patientId: created.id,
      entityId: created.id,
    });
    const [readEvent] = await auditRows(t, p.practiceId, 'patient.read');
    expect(readEvent).toMatchObject({ patientId: created.id, outcome: 'success' });
    expect(
      JSON.stringify([createEvent?.details, readEvent?.details, createEvent?.entityId]),
    ).not.toMatch(/jane|doe|201-?4433/i);
  });

  it('skips generated MRNs that a record already uses', async () => {
    const p = await t.newPractice(['admin']);
    const client = staffClient(t, p.cookie);
    await createPatient(client, { ...janeDoe, mrn: 'P000001' });
    expect((await createPatient(client, { ...janeDoe, firstName: 'June' })).mrn).toBe('P000002');
  });

  it('refuses a duplicate MRN with 409 and a clear message, writing nothing', async () => {
    await createPatient(admin, { ...janeDoe, mrn: 'CHART-77' });
    const before = await patientCount(practice.practiceId);
    const res = await admin.post('/api/practice/patients', { ...janeDoe, mrn: 'CHART-77' });
    expect(res.statusCode).toBe(409);
    expect(res.json()).toMatchObject({
      code: 'CONFLICT',
      message: expect.stringMatching(/MRN is already used/) as unknown,
    });
    expect(await patientCount(practice.practiceId)).toBe(before);
  });

  it('refuses a date of birth in the future or before 1900, pointing at the field', async () => {
    for (const dateOfBirth of ['2026-11-22', '1899-12-31']) {
      const res = await admin.post('/api/practice/patients', { ...janeDoe, dateOfBirth });
      expect(res.statusCode).toBe(400);
      expect(res.json()).toMatchObject({
        code: 'VALIDATION',
        issues: [{ path: 'body.dateOfBirth' }],
      });
    }
  });

  it("accepts the practice's own provider and location, refuses another practice's", async () => {
    const other = await t.newPractice(['admin']);
    const theirs = await staffClient(t, other.cookie).post('/api/practice/providers', {
      displayName: 'Dr Other',
    });
    const ours = await admin.post('/api/practice/providers', { displayName: 'Dr Ours' });
    const location = await admin.post('/api/practice/locations', {
      name: 'Main',
      timeZone: 'America/Chicago',
    });
    const ok = await createPatient(admin, {
      ...janeDoe,
      primaryProviderId: ours.json<{ id: string }>().id,
      primaryLocationId: location.json<{ id: string }>().id,
    });
    expect(ok.primaryProviderId).toBe(ours.json<{ id: string }>().id);
    const before = await patientCount(practice.practiceId);
    const res = await admin.post('/api/practice/patients', {
      ...janeDoe,
      primaryProviderId: theirs.json<{ id: string }>().id,
    });
    expect(res.statusCode).toBe(400);
    expect(res.json()).toMatchObject({
      code: 'VALIDATION',
      issues: [{ path: 'body.primaryProviderId' }],
    });
    expect(await patientCount(practice.practiceId)).toBe(before);
  });

  it('checks the references of many candidates together, each against its own', async () => {
    const p = await t.newPractice(['admin']);
    const client = staffClient(t, p.cookie);
    const idOf = async (url: string, body: unknown) =>
      (await client.post(url, body)).json<{ id: string }>().id;
    const provider = await idOf('/api/practice/providers', { displayName: 'Dr Ours' });
    const location = await idOf('/api/practice/locations', {
      name: 'Main',
      timeZone: 'America/Chicago',
    });
    const foreign = await staffClient(t, practice.cookie)
      .post('/api/practice/providers', { displayName: 'Dr Elsewhere' })
      .then((res) => res.json<{ id: string }>().id);
    const unknown = '00000000-0000-4000-8000-000000000000';
    const candidate = (refs: Record<string, string>) => ({ ...janeDoe, ...refs });
    const results = await t.db.tenant(p.practiceId, (tx) =>
      t.context.services.patients.validateManyInTx(tx, p.practiceId, [
        candidate({ primaryProviderId: provider, primaryLocationId: location }),
        candidate({ primaryProviderId: foreign }),
        candidate({ primaryProviderId: provider, primaryLocationId: unknown }),
        candidate({ primaryProviderId: unknown, primaryLocationId: unknown }),
        candidate({}),
        { ...janeDoe, firstName: '' },
      ]),
    );
    const fieldsOf = (r: (typeof results)[number] | undefined) =>
      r?.ok === false ? r.issues.map((i) => i.field) : [];
    expect(results.map((r) => r.ok)).toEqual([true, false, false, false, true, false]);
    expect(fieldsOf(results[1])).toEqual(['primaryProviderId']);
    expect(fieldsOf(results[2])).toEqual(['primaryLocationId']);
    expect(fieldsOf(results[3])).toEqual(['primaryProviderId', 'primaryLocationId']);
    expect(fieldsOf(results[5])).toEqual(['firstName']);
  });

  it('refuses wrong types and unknown fields with 400 and issues, writing nothing', async () => {
    const before = await patientCount(practice.practiceId);
    const wrongType = await admin.post('/api/practice/patients', { ...janeDoe, firstName: 42 });
    expect(wrongType.statusCode).toBe(400);
    expect(wrongType.json()).toMatchObject({
      code: 'VALIDATION',
      issues: [{ path: 'body.firstName' }],
    });
    const unknown = await admin.post('/api/practice/patients', { ...janeDoe, ssn: '123-45-6789' });
    expect(unknown.statusCode).toBe(400);
    expect(unknown.json()).toMatchObject({
      code: 'VALIDATION',
      issues: expect.any(Array) as unknown,
    });
    const badPhone = await admin.post('/api/practice/patients', { ...janeDoe, phone: '(((((((' });
    expect(badPhone.json()).toMatchObject({ code: 'VALIDATION', issues: [{ path: 'body.phone' }] });
    expect(await patientCount(practice.practiceId)).toBe(before);
  });
});

describe('changing a patient', () => {
  it('updates with the current version, bumps it, and audits the changed field names only', async () => {
    const created = await createPatient(admin);
    t.clock.advanceSeconds(60);
    const res = await frontDesk.put(`/api/practice/patients/${created.id}`, {
      ...janeDoe,
      lastName: 'Smith',
      version: 1,
    });
    expect(res.statusCode, res.body).toBe(200);
    const updated = res.json<PatientDetail>();
    expect(updated).toMatchObject({ lastName: 'Smith', mrn: created.mrn, version: 2 });
    expect(updated.updatedAt > created.updatedAt).toBe(true);
    const events = await auditRows(t, practice.practiceId, 'patient.update');
    expect(events.at(-1)).toMatchObject({
      patientId: created.id,
      details: { version: 2, changedFields: ['lastName'] },
    });
  });

  it('refuses a stale version with 409 and says why', async () => {
    const created = await createPatient(admin);
    expect(
      (
        await admin.put(`/api/practice/patients/${created.id}`, {
          ...janeDoe,
          city: 'Springfield',
          version: 1,
        })
      ).statusCode,
    ).toBe(200);
    const stale = await frontDesk.put(`/api/practice/patients/${created.id}`, {
      ...janeDoe,
      city: 'Shelbyville',
      version: 1,
    });
    expect(stale.statusCode).toBe(409);
    expect(stale.json()).toMatchObject({
      code: 'CONFLICT',
      message: expect.stringMatching(/changed by someone else/) as unknown,
    });
  });

  it('refuses changing the MRN to one another patient has', async () => {
    await createPatient(admin, { ...janeDoe, mrn: 'TAKEN-1' });
    const other = await createPatient(admin);
    const res = await admin.put(`/api/practice/patients/${other.id}`, {
      ...janeDoe,
      mrn: 'TAKEN-1',
      version: 1,
    });
    expect(res.statusCode).toBe(409);
  });

  it('end-dates and reactivates through one status function, refusing repeats with 409', async () => {
    const created = await createPatient(admin);
    const url = `/api/practice/patients/${created.id}`;
    const future = await frontDesk.post(`${url}/end-date`, {
      endDate: '2026-12-01',
      reason: 'Moved away',
      version: 1,
    });
    expect(future.statusCode).toBe(400);
    const ended = await frontDesk.post(`${url}/end-date`, {
      endDate: '2026-11-20',
      reason: 'Moved away',
      version: 1,
    });
    expect(ended.json()).toMatchObject({
      status: 'end_dated',
      endDate: '2026-11-20',
      endReason: 'Moved away',
      version: 2,
    });
    const again = await frontDesk.post(`${url}/end-date`, {
      endDate: '2026-11-20',
      reason: 'Again',
      version: 2,
    });
    expect(again.statusCode).toBe(409);
    const reactivated = await frontDesk.post(`${url}/reactivate`, { version: 2 });
    expect(reactivated.json()).toMatchObject({
      status: 'active',
      endDate: null,
      endReason: null,
      version: 3,
    });
    expect((await frontDesk.post(`${url}/reactivate`, { version: 3 })).statusCode).toBe(409);
    expect(await auditRows(t, practice.practiceId, 'patient.end_date')).toHaveLength(1);
    expect((await auditRows(t, practice.practiceId, 'patient.reactivate')).at(-1)).toMatchObject({
      patientId: created.id,
    });
  });
});

describe('access', () => {
  it('lets billing read but not write or end-date (403)', async () => {
    const created = await createPatient(admin);
    expect((await billing.get(`/api/practice/patients/${created.id}`)).statusCode).toBe(200);
    const before = await patientCount(practice.practiceId);
    const create = await billing.post('/api/practice/patients', janeDoe);
    expect(create.statusCode).toBe(403);
    expect(create.json()).toMatchObject({ code: 'FORBIDDEN' });
    expect(
      (await billing.put(`/api/practice/patients/${created.id}`, { ...janeDoe, version: 1 }))
        .statusCode,
    ).toBe(403);
    expect(
      (
        await billing.post(`/api/practice/patients/${created.id}/end-date`, {
          endDate: '2026-11-01',
          reason: 'x',
          version: 1,
        })
      ).statusCode,
    ).toBe(403);
    expect(await patientCount(practice.practiceId)).toBe(before);
  });

  it("answers 404 for another practice's patient, on every route", async () => {
    const other = await t.newPractice(['admin']);
    const theirs = await createPatient(staffClient(t, other.cookie));
    const url = `/api/practice/patients/${theirs.id}`;
    expect((await admin.get(url)).statusCode).toBe(404);
    expect((await admin.put(url, { ...janeDoe, version: 1 })).statusCode).toBe(404);
    expect(
      (await admin.post(`${url}/end-date`, { endDate: '2026-11-01', reason: 'x', version: 1 }))
        .statusCode,
    ).toBe(404);
    expect((await admin.post(`${url}/reactivate`, { version: 1 })).statusCode).toBe(404);
    expect((await admin.get('/api/practice/patients/not-a-uuid')).statusCode).toBe(400);
  });

  it('requires a session', async () => {
    const res = await t.fastify.inject({ method: 'GET', url: '/api/practice/patients' });
    expect(res.statusCode).toBe(401);
  });
});
