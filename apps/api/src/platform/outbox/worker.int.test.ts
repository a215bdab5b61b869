import { afterAll, beforeAll, describe, expect, it, inject, vi } from 'vitest';
import { and, eq, inArray } from 'drizzle-orm';
import { randomUUID } from 'node:crypto';
import { createTestApp, recordingDeliverer, type TestApp } from '../../../test/harness.ts';
import { openPostgres } from '../db/postgres.ts';
import type { Database } from '../db/database.ts';
import type { Deliverer } from '../delivery/deliverer.ts';
import { enqueueNotification } from './enqueue.ts';
import { outbox } from './tables.ts';
import { runWorkerOnce, startWorker, type WorkerDeps } from './worker.ts';
import { isolatedWorkerClock, recordingLog } from './testing.ts';
import { fixedClock } from '../clock.ts';
import { rateLimitBuckets } from '../http/rate-limit-table.ts';

let t: TestApp;

beforeAll(async () => {
  t = await createTestApp({ clock: isolatedWorkerClock() });
});
afterAll(async () => t.close());

async function enqueueMany(practiceId: string, count: number): Promise<void> {
  await t.db.tenant(practiceId, async (tx) => {
    for (let i = 0; i < count; i++) {
      await enqueueNotification(
        tx,
        practiceId,
        { channel: 'sms', to: `+1555010${String(i).padStart(4, '0')}`, text: `n${i}` },
        t.clock.now(),
      );
    }
  });
}

const rowsOf = (practiceId: string) =>
  t.db.system((tx) => tx.select().from(outbox).where(eq(outbox.practiceId, practiceId)));

/** The harness's recording deliverer, slowed a little so concurrent batches overlap. */
function slowRecorder(): Deliverer & { sent: ReturnType<typeof recordingDeliverer>['sent'] } {
  const recorder = recordingDeliverer();
  return {
    sent: recorder.sent,
    async deliver(message, practiceId) {
      await new Promise((resolve) => setTimeout(resolve, 2));
      await recorder.deliver(message, practiceId);
    },
  };
}

async function drain(deps: WorkerDeps): Promise<void> {
  while ((await runWorkerOnce(deps)).messages > 0) {
    // keep claiming until nothing is due
  }
}

describe('outbox worker', () => {
  it('two workers in parallel deliver each of 50 messages exactly once', async () => {
    const { practiceId } = await t.newPractice(['admin']);
    await enqueueMany(practiceId, 50);
    const postgresUrl = inject('postgresUrl');
    // On PostgreSQL: a pool of two connections, so the two workers' claims really run at once.
    const db: Database = postgresUrl
      ? openPostgres({ connectionString: postgresUrl, maxConnections: 2 })
      : t.db;
    const deliverer = slowRecorder();
    const deps = (): WorkerDeps => ({
      db,
      clock: t.clock,
      deliverer,
      jobHandlers: {},
      log: recordingLog(),
      onlyPracticeIds: [practiceId],
    });
    try {
      await Promise.all([drain(deps()), drain(deps())]);
    } finally {
      if (db !== t.db) await db.close();
    }

    const texts = deliverer.sent.map((s) => (s.message.channel === 'sms' ? s.message.text : ''));
    expect(texts).toHaveLength(50);
    expect(new Set(texts).size).toBe(50);
    const rows = await rowsOf(practiceId);
    expect(rows.every((r) => r.status === 'sent' && r.attempts === 1)).toBe(true);
  });

  it('takes over a message whose claim expired (a worker died mid-delivery), but not one still claimed', async () => {
    const { practiceId } = await t.newPractice(['admin']);
    await enqueueMany(practiceId, 2);
    const [first, second] = (await rowsOf(practiceId)).sort((a, b) => a.id - b.id);
    if (!first || !second) throw new Error('rows missing');
    const now = t.clock.now();
    await t.db.system(async (tx) => {
      await tx
        .update(outbox)
        .set({ status: 'sending', attempts: 1, lockedUntil: new Date(now.getTime() - 1000) })
        .where(eq(outbox.id, first.id));
      await tx
        .update(outbox)
        .set({ status: 'sending', attempts: 1, lockedUntil: new Date(now.getTime() + 30_000) })
        .where(eq(outbox.id, second.id));
    });
    const deliverer = recordingDeliverer();

    const result = await runWorkerOnce({
      db: t.db,
      clock: t.clock,
      deliverer,
      jobHandlers: {},
      log: recordingLog(),
      onlyPracticeIds: [practiceId],
    });

    expect(result.messages).toBe(1);
    const after = await rowsOf(practiceId);
    expect(after.find((r) => r.id === first.id)).toMatchObject({ status: 'sent', attempts: 2 });
    expect(after.find((r) => r.id === second.id)).toMatchObject({ status: 'sending', attempts: 1 });
  });

  it('does not let a worker whose claim was taken over overwrite the newer attempt', async () => {
    const { practiceId } = await t.newPractice(['admin']);
    await enqueueMany(practiceId, 1);
    let release: () => void = () => undefined;
    const stuck: Deliverer = {
      deliver: () =>
        new Promise<void>((_, reject) => {
          release = () => {
            reject(new Error('late failure'));
          };
        }),
    };
    const base = {
      db: t.db,
      clock: t.clock,
      jobHandlers: {},
      log: recordingLog(),
      onlyPracticeIds: [practiceId],
    };
    const slowRun = runWorkerOnce({ ...base, deliverer: stuck });
    await vi.waitFor(async () => {
      expect((await rowsOf(practiceId))[0]?.status).toBe('sending');
    });
    t.clock.advanceSeconds(61);
    await runWorkerOnce({ ...base, deliverer: recordingDeliverer() });
    release();
    await slowRun;
    const [row] = await rowsOf(practiceId);
    expect(row).toMatchObject({ status: 'sent', attempts: 2, lastError: null });
  });

  it('startWorker polls and delivers; stop() waits for the batch in flight, then polls no more', async () => {
    const { practiceId } = await t.newPractice(['admin']);
    await enqueueMany(practiceId, 3);
    const deliverer = slowRecorder();
    const deps = {
      db: t.db,
      clock: t.clock,
      jobHandlers: {},
      log: recordingLog(),
      pollIntervalMs: 20,
      onlyPracticeIds: [practiceId],
    };
    const worker = startWorker({ ...deps, deliverer });
    await vi.waitFor(
      () => {
        expect(deliverer.sent).toHaveLength(3);
      },
      { timeout: 5000 },
    );
    await worker.stop();

    // A delivery in progress when stop() is called finishes and is recorded before stop() resolves.
    await enqueueMany(practiceId, 1);
    let release: () => void = () => undefined;
    let started = false;
    const blocking: Deliverer = {
      deliver: () =>
        new Promise<void>((resolve) => {
          started = true;
          release = resolve;
        }),
    };
    const second = startWorker({ ...deps, deliverer: blocking });
    await vi.waitFor(() => {
      expect(started).toBe(true);
    });
    let stopped = false;
    const stopping = second.stop().then(() => {
      stopped = true;
    });
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(stopped).toBe(false);
    release();
    await stopping;
    expect((await rowsOf(practiceId)).every((r) => r.status === 'sent')).toBe(true);

    // After stop, nothing more is claimed.
    await enqueueMany(practiceId, 1);
    await new Promise((resolve) => setTimeout(resolve, 60));
    const pending = await t.db.system((tx) =>
      tx
        .select()
        .from(outbox)
        .where(and(eq(outbox.practiceId, practiceId), eq(outbox.status, 'pending'))),
    );
    expect(pending).toHaveLength(1);
  });
});

describe('rate-limit bucket sweep', () => {
  it('an unscoped worker deletes per-IP buckets whose window started over an hour ago, at most once a minute', async () => {
    // Long before every other test's time: on the shared database, this worker finds nothing
    // else due, and only this test's buckets are old enough to sweep.
    const clock = fixedClock('1990-01-01T00:00:00.000Z');
    const at = (minutesAgo: number) => new Date(clock.now().getTime() - minutesAgo * 60_000);
    const key = () => `ip:sweep-test:${randomUUID()}`;
    const [old, recent, later] = [key(), key(), key()];
    // Sign-in failures of unknown emails carry over for good (staff-auth): never swept.
    const failures = `signin-fail:sweep-test-${randomUUID()}`;
    await t.db.system((tx) =>
      tx.insert(rateLimitBuckets).values([
        { key: old, windowStartedAt: at(61), count: 3 },
        { key: recent, windowStartedAt: at(59), count: 3 },
        { key: failures, windowStartedAt: at(600), count: 7 },
      ]),
    );
    const present = async () =>
      (
        await t.db.system((tx) =>
          tx
            .select({ key: rateLimitBuckets.key })
            .from(rateLimitBuckets)
            .where(inArray(rateLimitBuckets.key, [old, recent, later, failures])),
        )
      )
        .map((r) => r.key)
        .sort();
    const worker = startWorker({
      db: t.db,
      clock,
      deliverer: recordingDeliverer(),
      jobHandlers: {},
      log: recordingLog(),
      pollIntervalMs: 5,
    });
    try {
      await vi.waitFor(async () => {
        expect(await present()).toEqual([recent, failures].sort());
      });
      await t.db.system((tx) =>
        tx.insert(rateLimitBuckets).values({ key: later, windowStartedAt: at(120), count: 1 }),
      );
      await new Promise((resolve) => setTimeout(resolve, 100)); // many polls, within the minute
      expect(await present()).toEqual([later, recent, failures].sort());
      clock.advanceSeconds(60);
      await vi.waitFor(async () => {
        expect(await present()).toEqual([recent, failures].sort());
      });
    } finally {
      await worker.stop();
      await t.db.system((tx) =>
        tx
          .delete(rateLimitBuckets)
          .where(inArray(rateLimitBuckets.key, [old, recent, later, failures])),
      );
    }
  });

  it('a worker confined to some practices leaves the shared buckets alone', async () => {
    const clock = fixedClock('1990-01-01T00:00:00.000Z');
    const key = `ip:sweep-test:${randomUUID()}`;
    await t.db.system((tx) =>
      tx.insert(rateLimitBuckets).values({
        key,
        windowStartedAt: new Date(clock.now().getTime() - 2 * 3600_000),
        count: 1,
      }),
    );
    const { practiceId } = await t.newPractice(['admin']);
    const worker = startWorker({
      db: t.db,
      clock,
      deliverer: recordingDeliverer(),
      jobHandlers: {},
      log: recordingLog(),
      pollIntervalMs: 5,
      onlyPracticeIds: [practiceId],
    });
    await new Promise((resolve) => setTimeout(resolve, 100));
    await worker.stop();
    const rows = await t.db.system((tx) =>
      tx.delete(rateLimitBuckets).where(eq(rateLimitBuckets.key, key)).returning(),
    );
    expect(rows).toHaveLength(1);
  });
});
