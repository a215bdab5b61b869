// Test support for code that runs the worker. Not imported by the application.
import { fixedClock } from '../clock.ts';
import type { WorkerLog } from './worker-log.ts';

/** A worker log that keeps every line, so tests can assert what was (not) logged. */
export function recordingLog(): WorkerLog & {
  lines: { level: 'error' | 'info'; obj: object; msg: string }[];
} {
  const lines: { level: 'error' | 'info'; obj: object; msg: string }[] = [];
  return {
    lines,
    error(obj, msg) {
      lines.push({ level: 'error', obj, msg });
    },
    info(obj, msg) {
      lines.push({ level: 'info', obj, msg });
    },
  };
}

/**
 * A clock decades away from the harness's default. On the shared PostgreSQL test database, other
 * test files' workers (running at the default time) never find this file's rows due; this
 * file's workers are confined to its own practices with `onlyPracticeIds`.
 */
export function isolatedWorkerClock() {
  return fixedClock('2091-05-01T12:00:00.000Z');
}
