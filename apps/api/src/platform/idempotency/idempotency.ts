import { createHash } from 'node:crypto';
import { and, eq, sql } from 'drizzle-orm';
import type { FastifyRequest } from 'fastify';
import type { Tx } from '../db/database.ts';
import { AppError, validation } from '../errors.ts';
import { idempotencyKeys } from './tables.ts';

/** POLICY.md (Payments, idempotency): the first result is replayed for 24 hours. */
export const idempotencyWindowHours = 24;

export interface IdempotentResponse<T> {
  status: number;
  body: T;
}

/** The caller's Idempotency-Key header: required on message and payment POSTs, 8–100 visible ASCII. */
export function idempotencyKeyOf(request: FastifyRequest): string {
  const key = request.headers['idempotency-key'];
  if (typeof key !== 'string' || !/^[\x21-\x7e]{8,100}$/.test(key)) {
    throw validation('Send an Idempotency-Key header (8 to 100 characters, e.g. a UUID).', [
      { path: 'Idempotency-Key', message: 'Required: 8 to 100 visible characters.' },
    ]);
  }
  return key;
}

/** A stable fingerprint of what a request asks for, to tell a retry from a different request. */
export function requestFingerprint(parts: unknown): string {
  return createHash('sha256').update(JSON.stringify(parts)).digest('hex');
}

/**
 * Runs `work` at most once per (practice, actor, key), inside the caller's tenant transaction:
 * - another request with the same key still running → 409 CONFLICT (a transaction-scoped
 *   advisory lock on the key, so the check cannot race);
 * - the same key with the same fingerprint within 24 h → the first response, replayed;
 * - the same key with another fingerprint → 422 IDEMPOTENCY_KEY_REUSED.
 * The key is recorded in the same transaction as the work, so it exists exactly when the work
 * committed: a crash before COMMIT leaves neither, and a retry does the work once.
 */
export async function runIdempotently<T>(
  tx: Tx,
  scope: { practiceId: string; actor: string; key: string; fingerprint: string; now: Date },
  work: () => Promise<IdempotentResponse<T>>,
): Promise<IdempotentResponse<T> & { replayed: boolean }> {
  const { practiceId, actor, key, fingerprint, now } = scope;
  const lockName = `idempotency:${practiceId}:${actor}:${key}`;
  const { rows } = await tx.execute<{ locked: boolean }>(
    sql`select pg_try_advisory_xact_lock(hashtextextended(${lockName}, 0)) as locked`,
  );
  if (!rows[0]?.locked) {
    throw new AppError(
      'CONFLICT',
      'This request is still being processed. Wait a moment, then reload to see whether it went through.',
    );
  }
  const where = and(
    eq(idempotencyKeys.practiceId, practiceId),
    eq(idempotencyKeys.actor, actor),
    eq(idempotencyKeys.key, key),
  );
  const [earlier] = await tx.select().from(idempotencyKeys).where(where);
  const windowStart = new Date(now.getTime() - idempotencyWindowHours * 3_600_000);
  if (earlier && earlier.createdAt > windowStart) {
    if (earlier.requestHash !== fingerprint) {
      throw new AppError(
        'IDEMPOTENCY_KEY_REUSED',
        'This Idempotency-Key was already used for a different request. Use a new key for a new request.',
      );
    }
    return { status: earlier.responseStatus, body: earlier.responseBody as T, replayed: true };
  }
  const result = await work();
  const row = {
    practiceId,
    actor,
    key,
    requestHash: fingerprint,
    responseStatus: result.status,
    responseBody: result.body,
    createdAt: now,
  };
  if (earlier) await tx.update(idempotencyKeys).set(row).where(where);
  else await tx.insert(idempotencyKeys).values(row);
  return { ...result, replayed: false };
}
