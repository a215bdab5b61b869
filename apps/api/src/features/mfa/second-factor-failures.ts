import { eq, sql } from 'drizzle-orm';
import type { Tx } from '../../platform/db/database.ts';
import { rateLimitBuckets } from '../../platform/http/rate-limit-table.ts';
import { secondFactorFailureKey } from './second-factor-rules.ts';

/**
 * Wrong second-factor codes of one pending session (portal or staff; session ids are UUIDs),
 * counted in `rate_limit_buckets` inside the caller's transaction.
 */
/** Counts one more wrong second-factor code of a pending session; returns the count so far. */
export async function countWrongSecondFactor(
  tx: Tx,
  sessionId: string,
  now: Date,
): Promise<number> {
  const [row] = await tx
    .insert(rateLimitBuckets)
    .values({ key: secondFactorFailureKey(sessionId), windowStartedAt: now, count: 1 })
    .onConflictDoUpdate({
      target: rateLimitBuckets.key,
      set: { count: sql`${rateLimitBuckets.count} + 1` },
    })
    .returning({ count: rateLimitBuckets.count });
  return row?.count ?? 1;
}

export async function forgetWrongSecondFactors(tx: Tx, sessionId: string): Promise<void> {
  await tx
    .delete(rateLimitBuckets)
    .where(eq(rateLimitBuckets.key, secondFactorFailureKey(sessionId)));
}
