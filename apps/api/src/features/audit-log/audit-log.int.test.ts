import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import type { AuditPage } from '@portico/contracts';
import { createTestApp, type TestApp, type TestPractice } from '../../../test/harness.ts';
import { writeAudit } from '../../platform/audit/audit.ts';
import { systemMeta } from '../../platform/auth/context.ts';
import { patients } from '../patients/tables.ts';

let t: TestApp;
let a: TestPractice;
let b: TestPractice;
let patientA: string;
let patientB: string;

async function insertPatient(
  practiceId: string,
  firstName: string,
  lastName: string,
): Promise<string> {
  const [row] = await t.db.tenant(practiceId, (tx) =>
    tx
      .insert(patients)
      .values({
        practiceId,
        mrn: `A-${randomUUID().slice(0, 8)}`,
        firstName,
        lastName,
        dateOfBirth: '1970-01-01',
      })
      .returning({ id: patients.id }),
  );
  return row?.id ?? '';
}

async function seed(
  practiceId: string,
  at: string,
  action: string,
  actor: { id: string | null },
  patientId: string | null = null,
) {
  await t.db.tenant(practiceId, (tx) =>
    writeAudit(
      tx,
      { practiceId, actorType: actor.id ? 'staff' : 'system', actorId: actor.id, meta: systemMeta },
      new Date(at),
      {
        action,
        entityType: 'test',
        patientId,
      },
    ),
  );
}

const search = (practice: TestPractice, query: string, cookie = practice.cookie) =>
  t.fastify.inject({
    method: 'GET',
    url: `/api/practice/audit-events?${query}`,
    headers: { cookie },
  });

async function page(query: string, practice = a): Promise<AuditPage> {
  const res = await search(practice, query);
  expect(res.statusCode).toBe(200);
  return res.json<AuditPage>();
}

beforeAll(async () => {
  t = await createTestApp();
  a = await t.newPractice(['admin', 'front_desk']);
  b = await t.newPractice(['admin']);
  patientA = await insertPatient(a.practiceId, 'Ada', 'Lovelace');
  patientB = await insertPatient(b.practiceId, 'Bob', 'Other');
  const admin = { id: a.staff.admin?.userId ?? null };
  const desk = { id: a.staff.front_desk?.userId ?? null };
  // Practice A is in America/New_York: 2026-11-10 local runs from 05:00Z to 05:00Z the next day.
  await seed(a.practiceId, '2026-11-10T04:59:59Z', 'test.view', admin, patientA); // 9 Nov, 23:59:59 local
  await seed(a.practiceId, '2026-11-10T05:00:00Z', 'test.view', desk, patientA); // 10 Nov, 00:00 local
  await seed(a.practiceId, '2026-11-11T04:59:59Z', 'test.update', admin, null); // 10 Nov, 23:59:59 local
  await seed(a.practiceId, '2026-11-11T05:00:00Z', 'test.update', desk, patientA); // 11 Nov, 00:00 local
  await seed(a.practiceId, '2026-11-12T12:00:00Z', 'testing.other', { id: null }, null);
  await seed(
    b.practiceId,
    '2026-11-10T12:00:00Z',
    'test.view',
    { id: b.staff.admin?.userId ?? null },
    patientB,
  );
});
afterAll(async () => t.close());

describe('GET /api/practice/audit-events', () => {
  it('lists newest first with actor and patient labels', async () => {
    const result = await page('action=test.');
    expect(result.items.map((e) => e.occurredAt)).toEqual([
      '2026-11-11T05:00:00.000Z',
      '2026-11-11T04:59:59.000Z',
      '2026-11-10T05:00:00.000Z',
      '2026-11-10T04:59:59.000Z',
    ]);
    expect(result.items[0]).toMatchObject({
      actorType: 'staff',
      actorLabel: 'Test front_desk',
      patientId: patientA,
      patientLabel: 'Lovelace, Ada',
      action: 'test.update',
    });
    expect(result.items[1]).toMatchObject({
      actorLabel: 'Test Admin',
      patientId: null,
      patientLabel: null,
    });
    expect(typeof result.items[0]?.id).toBe('string');
    expect(result).toMatchObject({ total: 4, totalIsLowerBound: false, page: 1, pageSize: 50 });
  });

  it('matches the action as a prefix, wildcards taken literally', async () => {
    expect((await page('action=test.view')).total).toBe(2);
    expect((await page('action=test')).total).toBe(5);
    expect((await page('action=test%25')).total).toBe(0);
    expect((await page('action=t_st.')).total).toBe(0);
  });

  it('filters by patient and by actor', async () => {
    expect((await page(`patientId=${patientA}`)).items.map((e) => e.action)).toEqual([
      'test.update',
      'test.view',
      'test.view',
    ]);
    const byDesk = await page(`actorId=${a.staff.front_desk?.userId ?? ''}&action=test.`);
    expect(byDesk.items.map((e) => e.occurredAt)).toEqual([
      '2026-11-11T05:00:00.000Z',
      '2026-11-10T05:00:00.000Z',
    ]);
  });

  it("filters by dates in the practice's time zone, both ends inclusive", async () => {
    const oneDay = await page('action=test.&from=2026-11-10&to=2026-11-10');
    expect(oneDay.items.map((e) => e.occurredAt)).toEqual([
      '2026-11-11T04:59:59.000Z',
      '2026-11-10T05:00:00.000Z',
    ]);
    expect((await page('action=test.&from=2026-11-11')).total).toBe(1);
    expect((await page('action=test.&to=2026-11-09')).total).toBe(1);
  });

  it('refuses a date range that ends before it starts', async () => {
    const res = await search(a, 'from=2026-11-11&to=2026-11-10');
    expect(res.statusCode).toBe(400);
    expect(res.json()).toMatchObject({ code: 'VALIDATION' });
  });

  it('pages through results', async () => {
    const first = await page('action=test.&pageSize=3&page=1');
    const second = await page('action=test.&pageSize=3&page=2');
    expect(first.items).toHaveLength(3);
    expect(second.items).toHaveLength(1);
    expect(second).toMatchObject({ total: 4, page: 2, pageSize: 3 });
    expect(new Set([...first.items, ...second.items].map((e) => e.id)).size).toBe(4);
  });

  it("never shows another practice's events", async () => {
    const all = await page('pageSize=100');
    expect(all.items.some((e) => e.patientId === patientB)).toBe(false);
    expect((await page(`patientId=${patientB}`)).total).toBe(0);
    expect((await page(`actorId=${b.staff.admin?.userId ?? ''}`)).total).toBe(0);
    // And practice B sees only its own.
    expect((await page('action=test.', b)).items.map((e) => e.patientLabel)).toEqual([
      'Other, Bob',
    ]);
  });

  it('is for admins only', async () => {
    const res = await search(a, 'action=test.', a.staff.front_desk?.cookie);
    expect(res.statusCode).toBe(403);
    expect(res.json()).toMatchObject({ code: 'FORBIDDEN' });
  });

  it('audits the search itself', async () => {
    await page(`patientId=${patientA}&from=2026-11-01`);
    const searches = await page('action=audit.search&pageSize=1');
    expect(searches.items[0]).toMatchObject({
      action: 'audit.search',
      actorId: a.staff.admin?.userId,
      patientId: patientA,
      entityType: 'audit_log',
      outcome: 'success',
    });
  });

  it('caps the total at 10 000 and says it is a lower bound', async () => {
    const p = await t.newPractice(['admin']);
    await t.db.tenant(p.practiceId, (tx) =>
      tx.execute(sql`insert into audit_events (practice_id, occurred_at, actor_type, action, entity_type, outcome)
        select ${p.practiceId}::uuid, ${'2026-11-01T00:00:00Z'}::timestamptz, 'system', 'bulk.event', 'test', 'success'
        from generate_series(1, 10001)`),
    );
    expect(await page('action=bulk.&pageSize=10', p)).toMatchObject({
      total: 10_000,
      totalIsLowerBound: true,
    });
  });
});
