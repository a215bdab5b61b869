import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { createTestApp, recordingDeliverer, type TestApp } from '../../../test/harness.ts';
import { enqueueJob } from './enqueue.ts';
import { jobs } from './tables.ts';
import type { JobHandlers, JobRun } from './job-handlers.ts';
import { runWorkerOnce } from './worker.ts';
import { isolatedWorkerClock, recordingLog } from './testing.ts';
import { jobRetryPolicy, retryDelaySeconds } from './rules.ts';

let t: TestApp;

beforeAll(async () => {
  t = await createTestApp({ clock: isolatedWorkerClock() });
});
afterAll(async () => t.close());

async function newJob(kind: string, payload: Record<string, unknown> = {}) {
  const { practiceId } = await t.newPractice(['admin']);
  const jobId = await t.db.tenant(practiceId, (tx) =>
    enqueueJob(tx, practiceId, kind, payload, t.clock.now()),
  );
  return { practiceId, jobId };
}

const jobRow = async (id: number) =>
  (await t.db.system((tx) => tx.select().from(jobs).where(eq(jobs.id, id))))[0];

function run(practiceId: string, jobHandlers: JobHandlers, log = recordingLog()) {
  return runWorkerOnce({
    db: t.db,
    clock: t.clock,
    deliverer: recordingDeliverer(),
    jobHandlers,
    log,
    onlyPracticeIds: [practiceId],
  });
}

describe('jobs', () => {
  it("calls a handler again after 'again' and finishes on 'done'", async () => {
    const { practiceId, jobId } = await newJob('import.chunk', { importId: 'abc' });
    const calls: JobRun[] = [];
    const answers = ['again', 'again', 'done'] as const;
    const handlers: JobHandlers = {
      'import.chunk': (job) => {
        calls.push(job);
        return Promise.resolve(answers[calls.length - 1] ?? 'done');
      },
    };

    for (let i = 0; i < 4; i++) await run(practiceId, handlers);

    expect(calls).toHaveLength(3);
    expect(calls[0]).toMatchObject({
      id: jobId,
      practiceId,
      payload: { importId: 'abc' },
      attempts: 1,
    });
    expect(await jobRow(jobId)).toMatchObject({
      status: 'done',
      finishedAt: t.clock.now(),
      lockedUntil: null,
    });
  });

  it('retries a throwing handler with backoff, then dead-letters the job after 5 attempts', async () => {
    const { practiceId, jobId } = await newJob('flaky');
    let calls = 0;
    const log = recordingLog();
    const handlers: JobHandlers = {
      flaky: () => {
        calls++;
        return Promise.reject(new Error(`step failed for jane@example.org (${calls})`));
      },
    };

    await run(practiceId, handlers, log);
    const first = await jobRow(jobId);
    expect(first).toMatchObject({
      status: 'pending',
      attempts: 1,
      lastError: 'step failed for [address] (1)',
    });
    expect(first?.runAt).toEqual(new Date(t.clock.now().getTime() + 30_000));
    await run(practiceId, handlers, log);
    expect(calls).toBe(1); // not due before the backoff has passed

    for (let attempt = 2; attempt <= 5; attempt++) {
      t.clock.advanceSeconds(retryDelaySeconds(attempt - 1, jobRetryPolicy));
      await run(practiceId, handlers, log);
    }
    expect(calls).toBe(5);
    expect(await jobRow(jobId)).toMatchObject({
      status: 'dead',
      attempts: 5,
      lastError: 'step failed for [address] (5)',
    });
    t.clock.advanceSeconds(24 * 3600);
    await run(practiceId, handlers, log);
    expect(calls).toBe(5);
    expect(JSON.stringify(log.lines)).not.toContain('jane@');
  });

  it('dead-letters a job whose kind has no handler', async () => {
    const { practiceId, jobId } = await newJob('toString'); // inherited object keys are not handlers
    await run(practiceId, {});
    expect(await jobRow(jobId)).toMatchObject({
      status: 'dead',
      attempts: 1,
      lastError: 'No handler for job kind "toString"',
    });
  });

  it("gives each step after 'again' a fresh failure budget", async () => {
    const { practiceId, jobId } = await newJob('long');
    let calls = 0;
    const handlers: JobHandlers = {
      long: () => {
        calls++;
        if (calls === 2) return Promise.reject(new Error('transient'));
        return Promise.resolve(calls < 4 ? 'again' : 'done');
      },
    };
    await run(practiceId, handlers); // step 1: again
    await run(practiceId, handlers); // step 2: throws → retry
    expect(await jobRow(jobId)).toMatchObject({ status: 'pending', attempts: 1 });
    t.clock.advanceSeconds(30);
    await run(practiceId, handlers); // step 2 again: again
    expect(await jobRow(jobId)).toMatchObject({ status: 'pending', attempts: 0, lastError: null });
    await run(practiceId, handlers); // step 3: done
    expect(await jobRow(jobId)).toMatchObject({ status: 'done' });
  });
});
