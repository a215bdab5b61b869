// SCAFFOLD: replaced by the delivery owner.
import type { Database } from '../db/database.ts';
import type { Clock } from '../clock.ts';
import type { Deliverer } from '../delivery/deliverer.ts';
import type { JobHandlers } from './job-handlers.ts';

export interface WorkerDeps {
  db: Database;
  clock: Clock;
  deliverer: Deliverer;
  jobHandlers: JobHandlers;
  log: { error(obj: object, msg: string): void; info(obj: object, msg: string): void };
  pollIntervalMs?: number;
}

export function startWorker(_deps: WorkerDeps): { stop(): Promise<void> } {
  return { stop: () => Promise.resolve() };
}
