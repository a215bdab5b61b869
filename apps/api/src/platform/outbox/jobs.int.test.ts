import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
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

  it("does not let a worker whose claim expired overwrite a later claim, even after 'again' reset the attempts", async () => {
    const { practiceId, jobId } = await newJob('slow');
    // Each call of the handler waits until the test answers it.
    const pending: ((answer: 'done' | 'again') => void)[] = [];
    const handlers: JobHandlers = {
      slow: () =>
        new Promise((resolve) => {
          pending.push(resolve);
        }),
    };
    const first = run(practiceId, handlers); // claim 1: attempts 1
    await vi.waitFor(() => {
      expect(pending).toHaveLength(1);
    });
    t.clock.advanceSeconds(61); // claim 1 expires
    const second = run(practiceId, handlers); // claim 2 takes over: attempts 2
    await vi.waitFor(() => {
      expect(pending).toHaveLength(2);
    });
    pending[1]?.('again'); // a step completed: attempts back to 0
    await second;
    const third = run(practiceId, handlers); // claim 3: attempts 1 again, like claim 1
    await vi.waitFor(() => {
      expect(pending).toHaveLength(3);
    });

    pending[0]?.('done'); // the first worker wakes up late
    await first;
    expect(await jobRow(jobId)).toMatchObject({ status: 'running', attempts: 1, claimSeq: 3 });

    pending[2]?.('done');
    await third;
    expect(await jobRow(jobId)).toMatchObject({ status: 'done', claimSeq: 3 });
  });

  it("calls the kind's onDead hook once, after the job is marked dead, with the last error", async () => {
    const { practiceId, jobId } = await newJob('doomed', { thing: 'x' });
    const deadCalls: { job: JobRun; lastError: string; statusThen: string | undefined }[] = [];
    const handlers: JobHandlers = {
      doomed: {
        run: () => Promise.reject(new Error('always broken')),
        onDead: async (job, lastError) => {
          deadCalls.push({ job, lastError, statusThen: (await jobRow(job.id))?.status });
        },
      },
    };
    await run(practiceId, handlers);
    for (let attempt = 2; attempt <= 5; attempt++) {
      expect(deadCalls).toHaveLength(0);
      t.clock.advanceSeconds(retryDelaySeconds(attempt - 1, jobRetryPolicy));
      await run(practiceId, handlers);
    }
    expect(deadCalls).toEqual([
      {
        job: { id: jobId, practiceId, payload: { thing: 'x' }, attempts: 5 },
        lastError: 'always broken',
        statusThen: 'dead',
      },
    ]);
    t.clock.advanceSeconds(24 * 3600);
    await run(practiceId, handlers);
    expect(deadCalls).toHaveLength(1);
  });

  it('logs an onDead hook that throws, and the job stays dead', async () => {
    const { practiceId, jobId } = await newJob('doomed-twice');
    const log = recordingLog();
    const handlers: JobHandlers = {
      'doomed-twice': {
        run: () => Promise.reject(new Error('broken')),
        onDead: () => Promise.reject(new Error('hook broken for jane@example.org')),
      },
    };
    for (let attempt = 1; attempt <= 5; attempt++) {
      await run(practiceId, handlers, log);
      t.clock.advanceSeconds(3600);
    }
    expect(await jobRow(jobId)).toMatchObject({ status: 'dead', lastError: 'broken' });
    expect(log.lines).toContainEqual({
      level: 'error',
      obj: expect.objectContaining({ jobId, error: 'hook broken for [address]' }) as unknown,
      msg: 'dead-letter hook failed',
    });
  });
});
