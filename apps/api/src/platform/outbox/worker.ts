import type { Database } from '../db/database.ts';
import type { Clock } from '../clock.ts';
import type { Deliverer } from '../delivery/deliverer.ts';
import type { JobHandlers } from './job-handlers.ts';
import type { WorkerLog } from './worker-log.ts';
import { runOutboxBatch } from './outbox-batch.ts';
import { runJobBatch } from './job-batch.ts';
import { failureMessage } from './rules.ts';
import { createHousekeeping } from './housekeeping.ts';

export interface WorkerDeps {
  db: Database;
  clock: Clock;
  deliverer: Deliverer;
  jobHandlers: JobHandlers;
  log: WorkerLog;
  pollIntervalMs?: number;
  /**
   * Only these practices' rows (tests sharing one database; an operator re-driving one practice).
   * Default: every row, including those without a practice.
   */
  onlyPracticeIds?: readonly string[];
  /** Sweeps the slices ask for (e.g. closing threads), run by a worker serving every practice. */
  periodicTasks?: readonly PeriodicTask[];
}

/** Work done on a timer by the worker loop; `run` must be idempotent and safe across processes. */
export interface PeriodicTask {
  name: string;
  everyMs: number;
  run(): Promise<void>;
}

export interface BatchResult {
  /** Outbox rows claimed (delivered, retried or dead-lettered). */
  messages: number;
  /** Jobs claimed (one step each). */
  jobs: number;
}

/**
 * Processes one batch: claims due outbox rows and due jobs (as the system role: the worker serves
 * every practice), delivers / runs each, and records the outcomes. Resolves when all are recorded.
 */
export async function runWorkerOnce(deps: WorkerDeps): Promise<BatchResult> {
  const scope = deps.onlyPracticeIds;
  const messages = await runOutboxBatch({ ...deps, scope });
  const jobs = await runJobBatch({ ...deps, scope });
  return { messages, jobs };
}

/**
 * Polls every `pollIntervalMs` (default 1000); after a batch that found work it polls again at
 * once, so queues drain and chunked jobs proceed without waiting. `stop()` stops polling and
 * waits for the batch in flight. A worker serving every practice also does the platform's
 * housekeeping (stale rate-limit buckets); one confined to some practices leaves shared tables be.
 */
export function startWorker(deps: WorkerDeps): { stop(): Promise<void> } {
  const pollIntervalMs = deps.pollIntervalMs ?? 1000;
  const housekeeping = deps.onlyPracticeIds ? null : createHousekeeping(deps);
  const periodic = deps.onlyPracticeIds ? [] : (deps.periodicTasks ?? []);
  const lastRunAt = new Map<string, number>();
  const runPeriodicTasks = async (): Promise<void> => {
    for (const task of periodic) {
      const nowMs = deps.clock.now().getTime();
      if (nowMs - (lastRunAt.get(task.name) ?? -Infinity) < task.everyMs) continue;
      lastRunAt.set(task.name, nowMs);
      try {
        await task.run();
      } catch (error) {
        deps.log.error({ task: task.name, error: failureMessage(error) }, 'periodic task failed');
      }
    }
  };
  let stopped = false;
  let timer: NodeJS.Timeout | undefined;
  let inFlight: Promise<void> | undefined;

  const poll = async (): Promise<void> => {
    let foundWork = false;
    await housekeeping?.runIfDue();
    await runPeriodicTasks();
    try {
      const result = await runWorkerOnce(deps);
      foundWork = result.messages + result.jobs > 0;
    } catch (error) {
      deps.log.error({ error: failureMessage(error) }, 'worker poll failed');
    }
    if (!stopped) timer = setTimeout(tick, foundWork ? 0 : pollIntervalMs);
  };
  const tick = (): void => {
    timer = undefined;
    inFlight = poll().finally(() => {
      inFlight = undefined;
    });
  };

  timer = setTimeout(tick, 0);
  return {
    async stop() {
      stopped = true;
      clearTimeout(timer);
      await inFlight;
    },
  };
}
