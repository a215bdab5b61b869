import { and, asc, eq, inArray, lt, lte, or, sql, type SQL } from 'drizzle-orm';
import type { PgColumn } from 'drizzle-orm/pg-core';
import type { Tx } from '../db/database.ts';
import { jobs, outbox } from './tables.ts';
import { jobBatchSize, lockedUntil, outboxBatchSize } from './rules.ts';

export type ClaimedMessage = typeof outbox.$inferSelect;
export type ClaimedJob = typeof jobs.$inferSelect;

/** Restricts a claim to some practices' rows; undefined means every row. */
export type PracticeScope = readonly string[] | undefined;

function scoped(condition: SQL | undefined, column: PgColumn, scope: PracticeScope) {
  return scope ? and(condition, inArray(column, [...scope])) : condition;
}

/**
 * Every claim raises `claim_seq`, which is never reset: it is the claim's fencing token (a worker
 * records an outcome only while the row still carries its number). `attempts` is the failure
 * budget, which a job's completed step resets, so it cannot serve as one.
 *
 * Claims due outbox rows in one statement: pending and due, or `sending` whose claim expired
 * (a worker died mid-delivery). SKIP LOCKED lets concurrent workers take disjoint rows.
 */
export async function claimOutbox(
  tx: Tx,
  now: Date,
  scope: PracticeScope,
): Promise<ClaimedMessage[]> {
  const due = or(
    and(eq(outbox.status, 'pending'), lte(outbox.nextAttemptAt, now)),
    and(eq(outbox.status, 'sending'), lt(outbox.lockedUntil, now)),
  );
  const ids = tx
    .select({ id: outbox.id })
    .from(outbox)
    .where(scoped(due, outbox.practiceId, scope))
    .orderBy(asc(outbox.id))
    .limit(outboxBatchSize)
    .for('update', { skipLocked: true });
  const rows = await tx
    .update(outbox)
    .set({
      status: 'sending',
      lockedUntil: lockedUntil(now),
      attempts: sql`${outbox.attempts} + 1`,
      claimSeq: sql`${outbox.claimSeq} + 1`,
    })
    .where(inArray(outbox.id, ids))
    .returning();
  return rows.sort((a, b) => a.id - b.id);
}

/** Claims due jobs the same way: pending and due, or `running` whose claim expired. */
export async function claimJobs(tx: Tx, now: Date, scope: PracticeScope): Promise<ClaimedJob[]> {
  const due = or(
    and(eq(jobs.status, 'pending'), lte(jobs.runAt, now)),
    and(eq(jobs.status, 'running'), lt(jobs.lockedUntil, now)),
  );
  const ids = tx
    .select({ id: jobs.id })
    .from(jobs)
    .where(scoped(due, jobs.practiceId, scope))
    .orderBy(asc(jobs.id))
    .limit(jobBatchSize)
    .for('update', { skipLocked: true });
  const rows = await tx
    .update(jobs)
    .set({
      status: 'running',
      lockedUntil: lockedUntil(now),
      attempts: sql`${jobs.attempts} + 1`,
      claimSeq: sql`${jobs.claimSeq} + 1`,
    })
    .where(inArray(jobs.id, ids))
    .returning();
  return rows.sort((a, b) => a.id - b.id);
}
