import { eq, sql } from 'drizzle-orm';
import type { Database, Tx } from '../../platform/db/database.ts';
import { afterFailedSignIn, type SignInState } from '../../platform/auth/sign-in-rules.ts';
import { rateLimitBuckets } from '../../platform/http/rate-limit-table.ts';
import { unknownEmailBucket, unknownEmailState } from './rules.ts';
import { staffUsers } from './tables.ts';

/** The failures so far of an email with no usable account (`signInFailureKey`). */
export async function readUnknownEmailFailures(tx: Tx, key: string): Promise<SignInState> {
  const [row] = await tx.select().from(rateLimitBuckets).where(eq(rateLimitBuckets.key, key));
  return unknownEmailState(row);
}

/**
 * One more failure on a real account. The row is locked first, so concurrent failures are
 * applied one after another and every 10th one locks. One write transaction.
 */
export async function recordAccountFailure(
  db: Database,
  staffUserId: string,
  now: Date,
): Promise<void> {
  await db.system(async (tx) => {
    const [row] = await tx
      .select({
        failedSignIns: staffUsers.failedSignIns,
        lockedUntil: staffUsers.lockedUntil,
        passwordDisabled: staffUsers.passwordDisabled,
      })
      .from(staffUsers)
      .where(eq(staffUsers.id, staffUserId))
      .for('update');
    if (!row) return;
    await tx
      .update(staffUsers)
      .set(afterFailedSignIn(row, now))
      .where(eq(staffUsers.id, staffUserId));
  });
}

/**
 * One more failure for an email with no usable account, with the same rule and the same shape of
 * work as `recordAccountFailure`: the upsert creates or locks the row, then the state is written.
 */
export async function recordUnknownEmailFailure(
  db: Database,
  key: string,
  now: Date,
): Promise<void> {
  await db.system(async (tx) => {
    const [row] = await tx
      .insert(rateLimitBuckets)
      .values({ key, windowStartedAt: now, count: 0 })
      .onConflictDoUpdate({
        target: rateLimitBuckets.key,
        set: { count: sql`${rateLimitBuckets.count}` },
      })
      .returning();
    const next = afterFailedSignIn(unknownEmailState(row), now);
    await tx
      .update(rateLimitBuckets)
      .set(unknownEmailBucket(next, now))
      .where(eq(rateLimitBuckets.key, key));
  });
}
