/** A background job as its handler sees it. */
export interface JobRun {
  id: number;
  practiceId: string | null;
  payload: Record<string, unknown>;
  attempts: number;
}

/**
 * A job handler does one bounded step of work. It returns 'done' when the job is finished, or
 * 'again' to be called again at once (long work such as a CSV import runs in chunks, so a crash
 * loses at most one uncommitted chunk). A throw counts as a failed attempt (retried with backoff).
 */
export type JobHandler = (job: JobRun) => Promise<'done' | 'again'>;

/**
 * Called once when a job is dead-lettered (its last attempt failed), after it is marked dead, so
 * the work it was doing can show a failed state instead of "in progress" forever. Runs in its own
 * transaction(s); a throw is logged, not retried.
 */
export type DeadJobHandler = (job: JobRun, lastError: string) => Promise<void>;

/** A job kind's handler, alone or with its dead-letter hook. */
export type JobKindHandler = JobHandler | { run: JobHandler; onDead: DeadJobHandler };

export type JobHandlers = Record<string, JobKindHandler>;

export function runnerOf(handler: JobKindHandler): JobHandler {
  return typeof handler === 'function' ? handler : handler.run;
}

export function deadHookOf(handler: JobKindHandler): DeadJobHandler | undefined {
  return typeof handler === 'function' ? undefined : handler.onDead;
}
