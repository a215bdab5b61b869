import pg from 'pg';
import { drizzle } from 'drizzle-orm/node-postgres';
import { migrate } from 'drizzle-orm/node-postgres/migrator';
import type { Database, Tx } from './database.ts';
import { tenantPreamble } from './database.ts';
import {
  appliedMigrationsQuery,
  committedMigrationCount,
  migrationLockKey,
  migrationsFolder,
} from './migrations.ts';

export interface PostgresOptions {
  connectionString: string;
  maxConnections?: number;
}

/** PostgreSQL through a `pg` pool. Transactions are opened by hand so BEGIN and the tenant setting share one round trip. */
export function openPostgres(options: PostgresOptions): Database & { pool: pg.Pool } {
  const pool = new pg.Pool({
    connectionString: options.connectionString,
    max: options.maxConnections ?? 10,
    idleTimeoutMillis: 30_000,
  });
  // A broken idle connection must not crash the process; the pool replaces it.
  pool.on('error', () => undefined);

  async function inTransaction<T>(opening: string, fn: (tx: Tx) => Promise<T>): Promise<T> {
    const client = await pool.connect();
    let broken: Error | undefined;
    try {
      await client.query(opening);
      const result = await fn(drizzle(client));
      await client.query('COMMIT');
      return result;
    } catch (error) {
      await client.query('ROLLBACK').catch((rollbackError: unknown) => {
        broken = rollbackError instanceof Error ? rollbackError : new Error(String(rollbackError));
      });
      throw error;
    } finally {
      client.release(broken);
    }
  }

  async function withAdvisoryLock<T>(
    lockKey: number,
    fn: (client: pg.PoolClient) => Promise<T>,
  ): Promise<T> {
    const client = await pool.connect();
    try {
      await client.query('SELECT pg_advisory_lock($1)', [lockKey]);
      try {
        return await fn(client);
      } finally {
        await client.query('SELECT pg_advisory_unlock($1)', [lockKey]);
      }
    } finally {
      client.release();
    }
  }

  return {
    driver: 'postgres',
    pool,
    tenant: (practiceId, fn) => inTransaction(`BEGIN; ${tenantPreamble(practiceId)}`, fn),
    system: (fn) => inTransaction('BEGIN', fn),
    exclusive: (lockKey, fn) => withAdvisoryLock(lockKey, () => fn()),
    migrate: () =>
      withAdvisoryLock(migrationLockKey, (client) =>
        migrate(drizzle(client), { migrationsFolder: migrationsFolder() }),
      ),
    async ready() {
      try {
        const res = await pool.query<{ n: number }>(appliedMigrationsQuery);
        return res.rows[0]?.n === committedMigrationCount();
      } catch {
        return false;
      }
    },
    async close() {
      await pool.end();
    },
  };
}
