import type { PgDatabase } from 'drizzle-orm/pg-core';
import type { NodePgQueryResultHKT } from 'drizzle-orm/node-postgres';

/**
 * A transaction handle. Services use Drizzle's query builder on it; never hold it past the callback.
 * Typed as node-postgres; PGlite's results have the same `rows` shape.
 */
export type Tx = PgDatabase<NodePgQueryResultHKT>;

export type DatabaseDriver = 'pglite' | 'postgres';

/**
 * The database as the application sees it. Two doors:
 * - `tenant(practiceId, fn)`: a transaction run as the unprivileged role `portico_app` with
 *   `app.practice_id` set, so row-level security confines every statement to one practice.
 * - `system(fn)`: a transaction as the connecting (owner) role, for work that is not one
 *   practice's (session lookup, sign-in, the delivery worker, migrations, operator commands).
 */
export interface Database {
  readonly driver: DatabaseDriver;
  tenant<T>(practiceId: string, fn: (tx: Tx) => Promise<T>): Promise<T>;
  /**
   * For requests that only read: the same confinement to one practice, but no transaction. Audit
   * rows are written after the reads in one statement; when that fails the call fails, so nothing
   * read is returned unaudited. On PostgreSQL, reads + audit in as few as two round trips.
   */
  tenantRead<T>(practiceId: string, fn: (tx: Tx) => Promise<T>): Promise<T>;
  system<T>(fn: (tx: Tx) => Promise<T>): Promise<T>;
  /**
   * Single statements outside a transaction, as the connecting role: one round trip each. For
   * hot platform reads and idempotent writes (the session check, rate-limit counters).
   */
  direct<T>(fn: (db: Tx) => Promise<T>): Promise<T>;
  migrate(): Promise<void>;
  /** Runs `fn` while holding a cluster-wide lock (PostgreSQL advisory lock), so concurrent starts do it once. */
  exclusive<T>(lockKey: number, fn: () => Promise<T>): Promise<T>;
  /** True when the database answers and every committed migration has been applied. */
  ready(): Promise<boolean>;
  close(): Promise<void>;
}

const uuidPattern = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

function checkedPracticeId(practiceId: string): string {
  if (!uuidPattern.test(practiceId)) throw new Error('tenant(): practiceId must be a UUID');
  return practiceId;
}

/** The statements that open a tenant transaction. The id is validated, then inlined (one round trip). */
export function tenantPreamble(practiceId: string): string {
  return `SET LOCAL ROLE portico_app; SELECT set_config('app.practice_id', '${checkedPracticeId(practiceId)}', true)`;
}

/** The same for a whole connection of the tenant pool (used outside transactions by tenantRead). */
export function tenantSessionPreamble(practiceId: string): string {
  return `SET ROLE portico_app; SELECT set_config('app.practice_id', '${checkedPracticeId(practiceId)}', false)`;
}
