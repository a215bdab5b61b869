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

export type JobHandlers = Record<string, JobHandler>;
