import { and, eq } from 'drizzle-orm';
import type { Database } from '../db/database.ts';
import type { Clock } from '../clock.ts';
import type { Deliverer } from '../delivery/deliverer.ts';
import { outbox } from './tables.ts';
import { claimOutbox, type ClaimedMessage, type PracticeScope } from './claim.ts';
import { afterFailure, failureMessage, outboxRetryPolicy } from './rules.ts';
import type { WorkerLog } from './worker-log.ts';

/** One delivery may take this long before it counts as failed; below the claim lock (60 s). */
export const deliveryTimeoutMs = 30_000;

export interface OutboxBatchDeps {
  db: Database;
  clock: Clock;
  deliverer: Deliverer;
  log: WorkerLog;
  scope: PracticeScope;
}

/** Claims one batch of due messages, delivers them concurrently, records each outcome. Returns how many were claimed. */
export async function runOutboxBatch(deps: OutboxBatchDeps): Promise<number> {
  const claimed = await deps.db.system((tx) => claimOutbox(tx, deps.clock.now(), deps.scope));
  // Every outcome is recorded (or has failed) before the batch ends, so stop() never leaves one running.
  const outcomes = await Promise.allSettled(claimed.map((row) => deliverOne(deps, row)));
  const failed = outcomes.find((o) => o.status === 'rejected');
  if (failed) throw failed.reason;
  return claimed.length;
}

async function deliverOne(deps: OutboxBatchDeps, row: ClaimedMessage): Promise<void> {
  try {
    await withTimeout(deps.deliverer.deliver(row.payload, row.practiceId), deliveryTimeoutMs);
  } catch (error) {
    await recordFailure(deps, row, failureMessage(error));
    return;
  }
  await deps.db.system((tx) =>
    tx
      .update(outbox)
      .set({ status: 'sent', sentAt: deps.clock.now(), lockedUntil: null, lastError: null })
      .where(stillOurs(row)),
  );
}

async function recordFailure(
  deps: OutboxBatchDeps,
  row: ClaimedMessage,
  lastError: string,
): Promise<void> {
  const verdict = afterFailure(row.attempts, deps.clock.now(), outboxRetryPolicy);
  const facts = {
    outboxId: row.id,
    practiceId: row.practiceId,
    channel: row.channel,
    attempts: row.attempts,
    error: lastError,
  };
  switch (verdict.kind) {
    case 'retry':
      await deps.db.system((tx) =>
        tx
          .update(outbox)
          .set({
            status: 'pending',
            nextAttemptAt: verdict.nextAttemptAt,
            lockedUntil: null,
            lastError,
          })
          .where(stillOurs(row)),
      );
      deps.log.info(facts, 'delivery failed; will retry');
      return;
    case 'dead':
      await deps.db.system((tx) =>
        tx
          .update(outbox)
          .set({ status: 'dead', lockedUntil: null, lastError })
          .where(stillOurs(row)),
      );
      deps.log.error(facts, 'delivery failed for the last time; message dead-lettered');
      return;
  }
}

/** The claim number is the fencing token: a row re-claimed after our lock expired is not ours to update. */
function stillOurs(row: ClaimedMessage) {
  return and(
    eq(outbox.id, row.id),
    eq(outbox.status, 'sending'),
    eq(outbox.claimSeq, row.claimSeq),
  );
}

function withTimeout(work: Promise<void>, timeoutMs: number): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      reject(new Error(`Delivery timed out after ${timeoutMs} ms`));
    }, timeoutMs);
  });
  return Promise.race([work, timeout]).finally(() => {
    clearTimeout(timer);
  });
}
