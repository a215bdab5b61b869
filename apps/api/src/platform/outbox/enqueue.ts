import type { Tx } from '../db/database.ts';
import type { OutboxPayload } from './tables.ts';
import { jobs, outbox } from './tables.ts';

/**
 * Queues a notification in the caller's transaction. Delivery happens later, in the worker.
 * `reference` names what the message belongs to (e.g. `invitation:<id>`), to show its delivery state.
 */
export async function enqueueNotification(
  tx: Tx,
  practiceId: string | null,
  payload: OutboxPayload,
  now: Date,
  options: { reference?: string } = {},
): Promise<void> {
  await tx.insert(outbox).values({
    practiceId,
    channel: payload.channel,
    payload,
    nextAttemptAt: now,
    createdAt: now,
    reference: options.reference ?? null,
  });
}

/** Queues a background job in the caller's transaction. */
export async function enqueueJob(
  tx: Tx,
  practiceId: string | null,
  kind: string,
  payload: Record<string, unknown>,
  now: Date,
): Promise<number> {
  const [row] = await tx
    .insert(jobs)
    .values({ practiceId, kind, payload, runAt: now, createdAt: now })
    .returning({ id: jobs.id });
  if (!row) throw new Error('enqueueJob: insert returned nothing');
  return row.id;
}
