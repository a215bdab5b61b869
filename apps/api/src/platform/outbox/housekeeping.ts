import { and, like, lt, or } from 'drizzle-orm';
import type { Database } from '../db/database.ts';
import type { Clock } from '../clock.ts';
import { rateLimitBuckets } from '../http/rate-limit-table.ts';
import { bucketSweepCutoff, bucketSweepDue, failureMessage, sweptBucketPrefixes } from './rules.ts';
import type { WorkerLog } from './worker-log.ts';

export interface HousekeepingDeps {
  db: Database;
  clock: Clock;
  log: WorkerLog;
}

/**
 * Upkeep of shared platform tables, done by the worker loop: today, deleting per-IP rate-limit
 * buckets whose window is long over (every request from a new address adds one). At most once a minute
 * per process; one DELETE, so several processes sweeping is harmless.
 */
export function createHousekeeping({ db, clock, log }: HousekeepingDeps) {
  let lastSweptAt: Date | undefined;
  return {
    async runIfDue(): Promise<void> {
      const now = clock.now();
      if (!bucketSweepDue(lastSweptAt, now)) return;
      lastSweptAt = now;
      try {
        const removed = await db.system((tx) =>
          tx
            .delete(rateLimitBuckets)
            .where(
              and(
                or(...sweptBucketPrefixes.map((p) => like(rateLimitBuckets.key, `${p}%`))),
                lt(rateLimitBuckets.windowStartedAt, bucketSweepCutoff(now)),
              ),
            )
            .returning({ key: rateLimitBuckets.key }),
        );
        if (removed.length > 0) log.info({ removed: removed.length }, 'rate-limit buckets swept');
      } catch (error) {
        log.error({ error: failureMessage(error) }, 'rate-limit bucket sweep failed');
      }
    },
  };
}
