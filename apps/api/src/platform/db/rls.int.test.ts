// The acceptance criterion: a cross-practice read is refused by row-level security, in a test that
// bypasses the services and talks to the database directly.
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq, sql } from 'drizzle-orm';
import { createTestApp, type TestApp } from '../../../test/harness.ts';
import { patients } from '../../features/patients/tables.ts';
import { practices } from '../../features/practices/tables.ts';
import {
  passwordSetupTokens,
  staffMemberships,
  staffSessions,
  staffUsers,
} from '../../features/staff-auth/tables.ts';
import { rateLimitBuckets } from '../http/rate-limit-table.ts';
import { migrationsFolder } from './migrations.ts';
import { auditEvents } from '../audit/tables.ts';
import { devMailbox, outbox } from '../outbox/tables.ts';
import { systemMeta } from '../auth/context.ts';
import { writeAudit } from '../audit/audit.ts';
import type { Tx } from './database.ts';

let t: TestApp;
let practiceA: string;
let practiceB: string;
let patientB: string;

/** The PostgreSQL error under Drizzle's wrapper. */
async function pgError(work: Promise<unknown>): Promise<{ code?: string; message: string }> {
  try {
    await work;
  } catch (error) {
    const cause = (error as { cause?: { code?: string; message: string } }).cause;
    return cause ?? { message: (error as Error).message };
  }
  throw new Error('expected the statement to be refused');
}

async function newPractice(): Promise<string> {
  const slug = `rls-${randomUUID().slice(0, 8)}`;
  const { practiceId } = await t.context.services.practices.create({
    name: `RLS ${slug}`,
    slug,
    adminEmail: `${slug}@example.com`,
    adminName: 'Admin',
  });
  return practiceId;
}

const insertPatient = (tx: Tx, practiceId: string, lastName: string) =>
  tx
    .insert(patients)
    .values({
      practiceId,
      mrn: `M-${randomUUID().slice(0, 8)}`,
      firstName: 'Pat',
      lastName,
      dateOfBirth: '1980-02-03',
    })
    .returning({ id: patients.id });

beforeAll(async () => {
  t = await createTestApp();
  practiceA = await newPractice();
  practiceB = await newPractice();
  await t.db.tenant(practiceA, (tx) => insertPatient(tx, practiceA, 'Alpha'));
  const [b] = await t.db.tenant(practiceB, (tx) => insertPatient(tx, practiceB, 'Bravo'));
  patientB = b?.id ?? '';
  // Practice B also has an audit event, a queued message and a dev-mailbox message.
  await t.db.tenant(practiceB, async (tx) => {
    await writeAudit(
      tx,
      { practiceId: practiceB, actorType: 'system', actorId: null, meta: systemMeta },
      t.clock.now(),
      { action: 'rls.test', entityType: 'test' },
    );
    await tx.insert(outbox).values({
      practiceId: practiceB,
      channel: 'sms',
      payload: { channel: 'sms', to: '+15550100000', text: 'x' },
      nextAttemptAt: t.clock.now(),
      createdAt: t.clock.now(),
    });
    await tx.insert(devMailbox).values({
      practiceId: practiceB,
      channel: 'sms',
      to: '+15550100000',
      text: 'x',
      deliveredAt: t.clock.now(),
    });
  });
});
afterAll(async () => t.close());

describe('row-level security between practices', () => {
  it("a query with no where clause sees only the current practice's rows", async () => {
    const rows = await t.db.tenant(practiceA, (tx) => tx.select().from(patients));
    expect(rows.length).toBeGreaterThan(0);
    expect(rows.every((r) => r.practiceId === practiceA)).toBe(true);
    expect(rows.map((r) => r.lastName)).toContain('Alpha');
  });

  it("asking for another practice's rows by id returns nothing", async () => {
    const result = await t.db.tenant(practiceA, (tx) =>
      tx.execute(sql`select * from patients where practice_id = ${practiceB}`),
    );
    expect(result.rows).toHaveLength(0);
    const byId = await t.db.tenant(practiceA, (tx) =>
      tx.select().from(patients).where(eq(patients.id, patientB)),
    );
    expect(byId).toHaveLength(0);
  });

  it('refuses to insert a row for another practice (WITH CHECK)', async () => {
    const error = await pgError(
      t.db.tenant(practiceA, (tx) => insertPatient(tx, practiceB, 'Intruder')),
    );
    expect(error.code).toBe('42501');
    expect(error.message).toMatch(/row-level security/);
  });

  it("cannot update or delete another practice's row: zero rows affected", async () => {
    const updated = await t.db.tenant(practiceA, (tx) =>
      tx
        .update(patients)
        .set({ lastName: 'Changed' })
        .where(eq(patients.id, patientB))
        .returning({ id: patients.id }),
    );
    const deleted = await t.db.tenant(practiceA, (tx) =>
      tx.delete(patients).where(eq(patients.id, patientB)).returning({ id: patients.id }),
    );
    expect(updated).toHaveLength(0);
    expect(deleted).toHaveLength(0);
    const [still] = await t.db.tenant(practiceB, (tx) =>
      tx.select().from(patients).where(eq(patients.id, patientB)),
    );
    expect(still?.lastName).toBe('Bravo');
  });

  it('cannot move its own row into another practice', async () => {
    const [own] = await t.db.tenant(practiceA, (tx) => insertPatient(tx, practiceA, 'Mover'));
    const error = await pgError(
      t.db.tenant(practiceA, (tx) =>
        tx
          .update(patients)
          .set({ practiceId: practiceB })
          .where(eq(patients.id, own?.id ?? '')),
      ),
    );
    expect(error.code).toBe('42501');
  });

  it("hides another practice's audit events, queued messages and dev-mailbox messages", async () => {
    const counts = await t.db.tenant(practiceA, async (tx) => ({
      audit: (await tx.select().from(auditEvents).where(eq(auditEvents.practiceId, practiceB)))
        .length,
      outbox: (await tx.select().from(outbox).where(eq(outbox.practiceId, practiceB))).length,
      mailbox: (await tx.select().from(devMailbox).where(eq(devMailbox.practiceId, practiceB)))
        .length,
    }));
    expect(counts).toEqual({ audit: 0, outbox: 0, mailbox: 0 });
  });

  it('tenant work runs as portico_app: not a superuser, cannot bypass RLS, does not own the tables', async () => {
    const result = await t.db.tenant(practiceA, (tx) =>
      tx.execute<{
        current_user: string;
        rolsuper: boolean;
        rolbypassrls: boolean;
        owner: string;
      }>(sql`
        select current_user, r.rolsuper, r.rolbypassrls,
               (select tableowner from pg_tables where schemaname = 'public' and tablename = 'patients') as owner
        from pg_roles r where r.rolname = current_user`),
    );
    const [me] = result.rows;
    expect(me).toMatchObject({ current_user: 'portico_app', rolsuper: false, rolbypassrls: false });
    expect(me?.owner).not.toBe('portico_app');
  });

  it('with the role set but no practice chosen, no row is visible', async () => {
    const result = await t.db.system(async (tx) => {
      await tx.execute(sql`SET LOCAL ROLE portico_app`);
      return tx.execute<{ n: number }>(sql`select count(*)::int as n from patients`);
    });
    expect(result.rows[0]?.n).toBe(0);
  });

  it('every table with a practice_id has row-level security, except the sign-in tables read before a practice is known', async () => {
    const result = await t.db.system((tx) =>
      tx.execute<{ table_name: string }>(sql`
        select c.table_name from information_schema.columns c
        join pg_class k on k.relname = c.table_name and k.relnamespace = 'public'::regnamespace
        where c.table_schema = 'public' and c.column_name = 'practice_id' and not k.relrowsecurity
        order by 1`),
    );
    expect(result.rows.map((r) => r.table_name)).toEqual([
      'portal_sessions',
      'staff_memberships',
      'staff_sessions',
    ]);
  });
});

describe('the tenant role and the global identity tables', () => {
  const refused = async (work: (tx: Tx) => Promise<unknown>) => {
    const error = await pgError(t.db.tenant(practiceA, work));
    expect(error.code).toBe('42501');
    expect(error.message).toMatch(/permission denied/);
  };

  it('cannot read password hashes, sessions, password links or rate-limit counters', async () => {
    await refused((tx) => tx.select({ hash: staffUsers.passwordHash }).from(staffUsers));
    await refused((tx) => tx.select({ email: staffUsers.email }).from(staffUsers));
    await refused((tx) => tx.select({ id: staffSessions.id }).from(staffSessions));
    await refused((tx) => tx.select().from(passwordSetupTokens));
    await refused((tx) => tx.select().from(rateLimitBuckets));
    await refused((tx) => tx.select({ role: staffMemberships.role }).from(staffMemberships));
  });

  it('cannot change memberships, staff accounts, sessions or practices', async () => {
    await refused((tx) =>
      tx
        .update(staffMemberships)
        .set({ role: 'admin' })
        .where(eq(staffMemberships.practiceId, practiceA)),
    );
    await refused((tx) =>
      tx.update(staffUsers).set({ failedSignIns: 0 }).where(eq(staffUsers.id, randomUUID())),
    );
    await refused((tx) => tx.delete(staffSessions).where(eq(staffSessions.practiceId, practiceA)));
    await refused((tx) =>
      tx.update(practices).set({ name: 'Renamed' }).where(eq(practices.id, practiceA)),
    );
  });

  it("still reads the labels tenant work needs: staff display names, the practice's settings", async () => {
    const read = await t.db.tenant(practiceA, async (tx) => ({
      staff: await tx
        .select({ id: staffUsers.id, name: staffUsers.displayName })
        .from(staffUsers)
        .limit(1),
      practice: await tx
        .select({
          name: practices.name,
          slug: practices.slug,
          timeZone: practices.timeZone,
          mrnPrefix: practices.mrnPrefix,
        })
        .from(practices)
        .where(eq(practices.id, practiceA)),
    }));
    expect(read.staff).toHaveLength(1);
    expect(read.practice[0]?.slug).toMatch(/^rls-/);
  });

  it('the migration stops when the migrating role cannot act as portico_app', async () => {
    const statements = readFileSync(
      path.join(migrationsFolder(), '0003_narrow_app_grants.sql'),
      'utf8',
    ).split('--> statement-breakpoint');
    const check = statements.find((s) => s.includes('pg_has_role'));
    if (!check) throw new Error('membership check not found in the migration');
    // As the migrating role (a member): passes.
    await t.db.system((tx) => tx.execute(sql.raw(check)));
    // As a role outside portico_app (rolled back with the transaction): refused, with a fix.
    const role = `not_app_${randomUUID().slice(0, 8)}`;
    const error = await pgError(
      t.db.system(async (tx) => {
        await tx.execute(sql.raw(`CREATE ROLE ${role} NOLOGIN`));
        await tx.execute(sql.raw(`SET LOCAL ROLE ${role}`));
        await tx.execute(sql.raw(check));
      }),
    );
    expect(error.message).toContain(`GRANT portico_app TO ${role}`);
  });
});
