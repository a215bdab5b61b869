import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { createTestApp, type TestApp } from '../../../test/harness.ts';
import { patients } from '../../features/patients/tables.ts';
import { auditEvents } from '../audit/tables.ts';
import { writeAudit } from '../audit/audit.ts';

let t: TestApp;
let practiceA: string;
let practiceB: string;

beforeAll(async () => {
  t = await createTestApp();
  practiceA = (await t.newPractice(['admin'])).practiceId;
  practiceB = (await t.newPractice(['admin'])).practiceId;
  for (const [practiceId, mrn] of [
    [practiceA, 'A-1'],
    [practiceB, 'B-1'],
  ] as const) {
    await t.db.tenant(practiceId, (tx) =>
      tx
        .insert(patients)
        .values({ practiceId, mrn, firstName: 'Test', lastName: mrn, dateOfBirth: '1980-01-01' }),
    );
  }
});
afterAll(async () => t.close());

const actor = (practiceId: string, userAgent: string) => ({
  practiceId,
  actorType: 'system' as const,
  actorId: null,
  meta: { ip: '10.0.0.1', userAgent, requestId: null },
});

describe('tenantRead', () => {
  it('confines every read to one practice, even when connections are reused across practices', async () => {
    // Interleave practices so pooled connections switch from one practice to the other.
    for (let i = 0; i < 6; i++) {
      const practiceId = i % 2 === 0 ? practiceA : practiceB;
      const rows = await t.db.tenantRead(practiceId, (tx) =>
        tx.select({ mrn: patients.mrn }).from(patients),
      );
      expect(rows.map((r) => r.mrn)).toEqual([practiceId === practiceA ? 'A-1' : 'B-1']);
    }
    const both = await Promise.all(
      Array.from({ length: 8 }, (_, i) => {
        const practiceId = i % 2 === 0 ? practiceA : practiceB;
        return t.db.tenantRead(practiceId, async (tx) => ({
          practiceId,
          rows: await tx.select().from(patients),
        }));
      }),
    );
    for (const r of both) expect(r.rows.every((row) => row.practiceId === r.practiceId)).toBe(true);
  });

  it('writes the audit rows of a read, with hostile text stored verbatim', async () => {
    const hostile = `curl'); DROP TABLE audit_events; -- \\ "quoted" ünïcode`;
    await t.db.tenantRead(practiceA, async (tx) => {
      await tx.select().from(patients);
      await writeAudit(tx, actor(practiceA, hostile), t.clock.now(), {
        action: 'test.hostile',
        entityType: 'patient',
        details: { note: "it's \\ fine" },
      });
    });
    const [row] = await t.db.system((tx) =>
      tx.select().from(auditEvents).where(eq(auditEvents.action, 'test.hostile')),
    );
    expect(row?.userAgent).toBe(hostile);
    expect(row?.details).toEqual({ note: "it's \\ fine" });
  });

  it('writes no audit row when the read fails', async () => {
    await expect(
      t.db.tenantRead(practiceA, async (tx) => {
        await writeAudit(tx, actor(practiceA, 'ua'), t.clock.now(), {
          action: 'test.failed_read',
          entityType: 'patient',
        });
        throw new Error('read failed');
      }),
    ).rejects.toThrow('read failed');
    const rows = await t.db.system((tx) =>
      tx.select().from(auditEvents).where(eq(auditEvents.action, 'test.failed_read')),
    );
    expect(rows).toHaveLength(0);
  });

  it("refuses an audit row for another practice (row-level security's WITH CHECK)", async () => {
    await expect(
      t.db.tenantRead(practiceA, (tx) =>
        writeAudit(tx, actor(practiceB, 'ua'), t.clock.now(), {
          action: 'test.cross',
          entityType: 'patient',
        }),
      ),
    ).rejects.toThrow();
  });
});
