import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq, sql } from 'drizzle-orm';
import { createTestApp, type TestApp } from '../../../test/harness.ts';
import { auditEvents } from './tables.ts';
import { writeAudit, type AuditActor } from './audit.ts';

let t: TestApp;
let practiceId: string;
let eventId: bigint;

async function pgError(work: Promise<unknown>): Promise<{ code?: string; message: string }> {
  try {
    await work;
  } catch (error) {
    const cause = (error as { cause?: { code?: string; message: string } }).cause;
    return cause ?? { message: (error as Error).message };
  }
  throw new Error('expected the statement to be refused');
}

const actor = (requestId: string): AuditActor => ({
  practiceId,
  actorType: 'system',
  actorId: null,
  meta: { ip: '10.0.0.1', userAgent: 'test', requestId },
});

const eventsWithRequestId = (requestId: string) =>
  t.db.system((tx) => tx.select().from(auditEvents).where(eq(auditEvents.requestId, requestId)));

beforeAll(async () => {
  t = await createTestApp();
  practiceId = (await t.newPractice(['admin'])).practiceId;
  const requestId = randomUUID();
  await t.db.tenant(practiceId, (tx) =>
    writeAudit(tx, actor(requestId), t.clock.now(), {
      action: 'audit.test',
      entityType: 'test',
      entityId: 'e1',
    }),
  );
  const [row] = await eventsWithRequestId(requestId);
  if (!row) throw new Error('audit event not written');
  eventId = row.id;
});
afterAll(async () => t.close());

describe('the audit trail is append-only', () => {
  it('refuses UPDATE even for the owner', async () => {
    const error = await pgError(
      t.db.system((tx) =>
        tx.update(auditEvents).set({ action: 'tampered' }).where(eq(auditEvents.id, eventId)),
      ),
    );
    expect(error.code).toBe('42501');
    expect(error.message).toMatch(/append-only \(UPDATE refused\)/);
  });

  it('refuses DELETE even for the owner', async () => {
    const error = await pgError(
      t.db.system((tx) => tx.delete(auditEvents).where(eq(auditEvents.id, eventId))),
    );
    expect(error.message).toMatch(/append-only \(DELETE refused\)/);
  });

  it('refuses TRUNCATE', async () => {
    const error = await pgError(t.db.system((tx) => tx.execute(sql`TRUNCATE audit_events`)));
    expect(error.message).toMatch(/append-only \(TRUNCATE refused\)/);
  });

  it('refuses UPDATE and DELETE from tenant work too', async () => {
    const update = await pgError(
      t.db.tenant(practiceId, (tx) =>
        tx.update(auditEvents).set({ outcome: 'denied' }).where(eq(auditEvents.id, eventId)),
      ),
    );
    const remove = await pgError(
      t.db.tenant(practiceId, (tx) => tx.delete(auditEvents).where(eq(auditEvents.id, eventId))),
    );
    expect(update.code).toBe('42501');
    expect(remove.code).toBe('42501');
  });

  it('leaves the event exactly as written', async () => {
    const [row] = await t.db.system((tx) =>
      tx.select().from(auditEvents).where(eq(auditEvents.id, eventId)),
    );
    expect(row).toMatchObject({
      action: 'audit.test',
      outcome: 'success',
      entityId: 'e1',
      practiceId,
    });
  });
});

describe('audit events commit with the change', () => {
  it('an event written in a transaction that rolls back does not persist', async () => {
    const requestId = randomUUID();
    await expect(
      t.db.tenant(practiceId, async (tx) => {
        await writeAudit(tx, actor(requestId), t.clock.now(), {
          action: 'audit.rolled_back',
          entityType: 'test',
        });
        throw new Error('the change failed');
      }),
    ).rejects.toThrow('the change failed');
    expect(await eventsWithRequestId(requestId)).toHaveLength(0);
  });

  it('an event written in a committed transaction persists with its actor and request facts', async () => {
    const requestId = randomUUID();
    await t.db.tenant(practiceId, (tx) =>
      writeAudit(tx, actor(requestId), t.clock.now(), { action: 'audit.kept', entityType: 'test' }),
    );
    const [row] = await eventsWithRequestId(requestId);
    expect(row).toMatchObject({
      action: 'audit.kept',
      actorType: 'system',
      ip: '10.0.0.1',
      userAgent: 'test',
      occurredAt: t.clock.now(),
    });
  });
});
