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
  system<T>(fn: (tx: Tx) => Promise<T>): Promise<T>;
  migrate(): Promise<void>;
  /** Runs `fn` while holding a cluster-wide lock (PostgreSQL advisory lock), so concurrent starts do it once. */
  exclusive<T>(lockKey: number, fn: () => Promise<T>): Promise<T>;
  /** True when the database answers and every committed migration has been applied. */
  ready(): Promise<boolean>;
  close(): Promise<void>;
}

const uuidPattern = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The statements that open a tenant transaction. The id is validated, then inlined (one round trip). */
export function tenantPreamble(practiceId: string): string {
  if (!uuidPattern.test(practiceId)) throw new Error('tenant(): practiceId must be a UUID');
  return `SET LOCAL ROLE portico_app; SELECT set_config('app.practice_id', '${practiceId}', true)`;
}
