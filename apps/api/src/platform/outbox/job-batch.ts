import { and, eq } from 'drizzle-orm';
import type { Database } from '../db/database.ts';
import type { Clock } from '../clock.ts';
import {
  deadHookOf,
  runnerOf,
  type JobHandlers,
  type JobKindHandler,
  type JobRun,
} from './job-handlers.ts';
import { jobs } from './tables.ts';
import { claimJobs, type ClaimedJob, type PracticeScope } from './claim.ts';
import { afterFailure, failureMessage, jobRetryPolicy } from './rules.ts';
import type { WorkerLog } from './worker-log.ts';

export interface JobBatchDeps {
  db: Database;
  clock: Clock;
  jobHandlers: JobHandlers;
  log: WorkerLog;
  scope: PracticeScope;
}

/** Claims one batch of due jobs and runs one step of each. Returns how many were claimed. */
export async function runJobBatch(deps: JobBatchDeps): Promise<number> {
  const claimed = await deps.db.system((tx) => claimJobs(tx, deps.clock.now(), deps.scope));
  // Every outcome is recorded (or has failed) before the batch ends, so stop() never leaves one running.
  const outcomes = await Promise.allSettled(claimed.map((job) => runOne(deps, job)));
  const failed = outcomes.find((o) => o.status === 'rejected');
  if (failed) throw failed.reason;
  return claimed.length;
}

const runOf = (job: ClaimedJob): JobRun => ({
  id: job.id,
  practiceId: job.practiceId,
  payload: job.payload,
  attempts: job.attempts,
});

async function runOne(deps: JobBatchDeps, job: ClaimedJob): Promise<void> {
  const handler = Object.hasOwn(deps.jobHandlers, job.kind)
    ? deps.jobHandlers[job.kind]
    : undefined;
  if (!handler) {
    await update(deps, job, {
      status: 'dead',
      lockedUntil: null,
      lastError: `No handler for job kind "${job.kind}"`,
    });
    deps.log.error({ jobId: job.id, kind: job.kind }, 'job has no handler; dead-lettered');
    return;
  }
  let result: 'done' | 'again';
  try {
    result = await runnerOf(handler)(runOf(job));
  } catch (error) {
    await recordFailure(deps, job, handler, failureMessage(error));
    return;
  }
  const now = deps.clock.now();
  switch (result) {
    case 'done':
      await update(deps, job, {
        status: 'done',
        finishedAt: now,
        lockedUntil: null,
        lastError: null,
      });
      return;
    case 'again':
      // A completed step: the next one is due at once, with a fresh failure budget.
      await update(deps, job, {
        status: 'pending',
        runAt: now,
        attempts: 0,
        lockedUntil: null,
        lastError: null,
      });
      return;
  }
}

async function recordFailure(
  deps: JobBatchDeps,
  job: ClaimedJob,
  handler: JobKindHandler,
  lastError: string,
): Promise<void> {
  const verdict = afterFailure(job.attempts, deps.clock.now(), jobRetryPolicy);
  const facts = {
    jobId: job.id,
    kind: job.kind,
    practiceId: job.practiceId,
    attempts: job.attempts,
    error: lastError,
  };
  switch (verdict.kind) {
    case 'retry':
      await update(deps, job, {
        status: 'pending',
        runAt: verdict.nextAttemptAt,
        lockedUntil: null,
        lastError,
      });
      deps.log.info(facts, 'job step failed; will retry');
      return;
    case 'dead': {
      const ours = await update(deps, job, { status: 'dead', lockedUntil: null, lastError });
      deps.log.error(facts, 'job step failed for the last time; job dead-lettered');
      const onDead = deadHookOf(handler);
      if (!ours || !onDead) return;
      try {
        await onDead(runOf(job), lastError);
      } catch (error) {
        deps.log.error(
          {
            jobId: job.id,
            kind: job.kind,
            practiceId: job.practiceId,
            error: failureMessage(error),
          },
          'dead-letter hook failed',
        );
      }
      return;
    }
  }
}

/**
 * Updates a job only while this worker's claim holds (the claim number is the fencing token).
 * Returns false when another worker has claimed it since.
 */
async function update(
  deps: JobBatchDeps,
  job: ClaimedJob,
  values: Partial<typeof jobs.$inferInsert>,
): Promise<boolean> {
  const rows = await deps.db.system((tx) =>
    tx
      .update(jobs)
      .set(values)
      .where(and(eq(jobs.id, job.id), eq(jobs.status, 'running'), eq(jobs.claimSeq, job.claimSeq)))
      .returning({ id: jobs.id }),
  );
  return rows.length > 0;
}
