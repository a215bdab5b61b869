import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PatientDetail, PatientPage } from '@portico/contracts';
import { createTestApp, type TestApp, type TestPractice } from '../../../test/harness.ts';
import { insertFakePatients } from '../../operator/seed-demo.ts';
import { classifyQuery } from './rules.ts';
import { searchPatients } from './search.ts';
import { auditRows, staffClient, type StaffClient } from './test-support.ts';

let t: TestApp;
let practice: TestPractice;
let client: StaffClient;
const ids: Record<string, string> = {};

const people = [
  {
    key: 'jane',
    firstName: 'Jane',
    lastName: 'Doe',
    dateOfBirth: '1980-04-12',
    email: 'jane.doe@example.com',
    phone: '(555) 201-4433',
  },
  {
    key: 'john',
    firstName: 'John',
    lastName: 'Smith',
    dateOfBirth: '1975-01-02',
    email: 'john.smith@example.com',
    phone: '+1 555 303 1234',
  },
  {
    key: 'mary',
    firstName: 'Mary Ann',
    lastName: 'Smithers',
    dateOfBirth: '2001-12-25',
    email: null,
    phone: '555.404.9999',
  },
  {
    key: 'maria',
    firstName: 'Maria',
    lastName: 'De La Cruz',
    dateOfBirth: '1990-06-30',
    email: 'maria@example.org',
    phone: null,
  },
  {
    key: 'paddy',
    firstName: 'Patrick',
    lastName: "O'Brien",
    preferredName: 'Paddy',
    dateOfBirth: '1966-03-17',
    email: null,
    phone: null,
  },
  {
    key: 'under',
    firstName: 'Una',
    lastName: 'Under_score',
    dateOfBirth: '1970-01-01',
    email: null,
    phone: null,
  },
  {
    key: 'wood',
    firstName: 'Wade',
    lastName: 'Underwood',
    dateOfBirth: '1971-01-01',
    email: null,
    phone: null,
  },
  {
    key: 'legacy',
    firstName: 'Lee',
    lastName: 'Gacy',
    dateOfBirth: '1950-05-05',
    email: null,
    phone: null,
    mrn: '884421',
  },
];

beforeAll(async () => {
  t = await createTestApp();
  practice = await t.newPractice(['admin']);
  client = staffClient(t, practice.cookie);
  for (const { key, ...body } of people) {
    const res = await client.post('/api/practice/patients', body);
    if (res.statusCode !== 201) throw new Error(res.body);
    ids[key] = res.json<PatientDetail>().id;
  }
  const ended = await client.post('/api/practice/patients', {
    firstName: 'Eddie',
    lastName: 'Ended',
    dateOfBirth: '1960-01-01',
  });
  ids.ended = ended.json<PatientDetail>().id;
  await client.post(`/api/practice/patients/${ids.ended}/end-date`, {
    endDate: '2026-01-01',
    reason: 'Discharged',
    version: 1,
  });
});
afterAll(async () => t.close());

async function search(query: Record<string, string>): Promise<PatientPage> {
  const res = await client.get(`/api/practice/patients?${new URLSearchParams(query).toString()}`);
  expect(res.statusCode, res.body).toBe(200);
  return res.json<PatientPage>();
}
const found = async (q: string) => (await search({ q })).items.map((p) => p.id);

describe('patient search', () => {
  it('lists active patients ordered by last name, first name', async () => {
    const page = await search({});
    expect(page.items.map((p) => p.lastName)).toEqual([
      'De La Cruz',
      'Doe',
      'Gacy',
      "O'Brien",
      'Smith',
      'Smithers',
      'Under_score',
      'Underwood',
    ]);
    expect(page).toMatchObject({ total: 8, totalIsLowerBound: false, page: 1, pageSize: 25 });
  });

  it('finds by name prefix, in "Last, First" and "First Last" order, and by preferred name', async () => {
    expect(await found('smi')).toEqual([ids.john, ids.mary]);
    expect(await found('Smith, Jo')).toEqual([ids.john]);
    expect(await found('John Smith')).toEqual([ids.john]);
    expect(await found('smith john')).toEqual([ids.john]);
    expect(await found('mary ann smith')).toEqual([ids.mary]);
    expect(await found('Maria de la cruz')).toEqual([ids.maria]);
    expect(await found('paddy')).toEqual([ids.paddy]);
    expect(await found("o'bri")).toEqual([ids.paddy]);
  });

  it('matches LIKE wildcards literally', async () => {
    expect(await found('under_')).toEqual([ids.under]);
    expect(await found('%')).toEqual([]);
  });

  it('finds by date of birth in ISO and US formats', async () => {
    expect(await found('1980-04-12')).toEqual([ids.jane]);
    expect(await found('04/12/1980')).toEqual([ids.jane]);
  });

  it('finds by email prefix, case-insensitively', async () => {
    expect(await found('JOHN.SMITH@')).toEqual([ids.john]);
  });

  it('finds by phone in any punctuation, with or without the country code, and by fragment', async () => {
    expect(await found('555-201-4433')).toEqual([ids.jane]);
    expect(await found('+1 (555) 201 4433')).toEqual([ids.jane]);
    expect(await found('(555) 303-1234')).toEqual([ids.john]);
    expect(await found('404-99')).toEqual([ids.mary]);
  });

  it('finds by MRN, generated or legacy', async () => {
    expect(await found('P000002')).toEqual([ids.john]);
    expect(await found('p000002')).toEqual([ids.john]);
    expect(await found('884421')).toEqual([ids.legacy]);
  });

  it('filters by status', async () => {
    expect((await search({ q: 'ended' })).items).toEqual([]);
    expect((await search({ q: 'ended', status: 'end_dated' })).items.map((p) => p.id)).toEqual([
      ids.ended,
    ]);
    expect((await search({ status: 'all' })).total).toBe(9);
  });

  it('pages with an exact total, including past the end', async () => {
    const first = await search({ pageSize: '3' });
    expect(first).toMatchObject({ total: 8, totalIsLowerBound: false });
    expect(first.items).toHaveLength(3);
    const last = await search({ pageSize: '3', page: '3' });
    expect(last.items.map((p) => p.lastName)).toEqual(['Under_score', 'Underwood']);
    expect(last.total).toBe(8);
    const beyond = await search({ pageSize: '3', page: '9' });
    expect(beyond).toMatchObject({ items: [], total: 8 });
  });

  it('refuses unknown query parameters and out-of-range pages', async () => {
    expect((await client.get('/api/practice/patients?name=x')).statusCode).toBe(400);
    expect((await client.get('/api/practice/patients?pageSize=500')).statusCode).toBe(400);
  });

  it('audits each search with the count and ids of the patients shown, never the query text', async () => {
    const before = (await auditRows(t, practice.practiceId, 'patient.search')).length;
    const page = await search({ q: 'Smith, John' });
    const events = await auditRows(t, practice.practiceId, 'patient.search');
    expect(events).toHaveLength(before + 1);
    expect(page.items).toHaveLength(1);
    expect(events.at(-1)?.details).toEqual({
      resultCount: 1,
      page: 1,
      patientIds: page.items.map((p) => p.id),
    });
    expect(JSON.stringify(events.at(-1)?.details)).not.toMatch(/smith|john/i);
  });
});

describe('total cap', () => {
  it('caps the count and marks it a lower bound', async () => {
    const run = (page: number, cap: number) =>
      t.db.tenant(practice.practiceId, (tx) =>
        searchPatients(tx, practice.practiceId, {
          search: classifyQuery(''),
          status: 'active',
          now: t.clock.now(),
          page,
          pageSize: 2,
          cap,
        }),
      );
    expect(await run(1, 5)).toMatchObject({ total: 5, totalIsLowerBound: true });
    expect(await run(1, 8)).toMatchObject({ total: 8, totalIsLowerBound: false });
    expect(await run(4, 5)).toMatchObject({ total: 5, totalIsLowerBound: true });
  });

  it('stops counting at 10 000 in a large practice', async () => {
    const big = await t.newPractice(['admin']);
    await t.db.tenant(big.practiceId, (tx) =>
      insertFakePatients(tx, big.practiceId, 10_010, 0, { providerIds: [], locationIds: [] }),
    );
    const client = staffClient(t, big.cookie);
    const res = await client.get('/api/practice/patients?status=all');
    expect(res.json()).toMatchObject({ total: 10_000, totalIsLowerBound: true });
    // A search stops sooner: the generated names repeat, so "a" matches thousands.
    const broad = await client.get('/api/practice/patients?status=all&q=a');
    expect(broad.json()).toMatchObject({ total: 1_000, totalIsLowerBound: true });
  });
});
