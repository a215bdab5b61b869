import pg from 'pg';
import { drizzle } from 'drizzle-orm/node-postgres';
import { migrate } from 'drizzle-orm/node-postgres/migrator';
import type { Database, Tx } from './database.ts';
import { tenantPreamble, tenantSessionPreamble } from './database.ts';
import { enableDeferral } from './deferred.ts';
import { AppError } from '../errors.ts';
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

/**
 * PostgreSQL through two `pg` pools: a system pool (the connecting role) and a tenant pool whose
 * connections only ever run as `portico_app`. Transactions are opened by hand so BEGIN and the
 * tenant setting share one round trip.
 */
export function openPostgres(options: PostgresOptions): Database & { pool: pg.Pool } {
  const poolOptions = {
    connectionString: options.connectionString,
    max: options.maxConnections ?? 10,
    idleTimeoutMillis: 30_000,
    // Under overload, shed load with 503 instead of queueing requests without limit.
    connectionTimeoutMillis: 2_000,
  };
  const pool = new pg.Pool(poolOptions);
  const tenantPool = new pg.Pool(poolOptions);
  // A broken idle connection must not crash the process; the pool replaces it.
  pool.on('error', () => undefined);
  tenantPool.on('error', () => undefined);
  const direct = drizzle(pool);
  /** The practice a tenant-pool connection is currently set to (session-level), to skip re-setting it. */
  const connectionPractice = new WeakMap<pg.PoolClient, string>();

  async function connect(from: pg.Pool = pool): Promise<pg.PoolClient> {
    try {
      return await from.connect();
    } catch (error) {
      if (error instanceof Error && /timeout/i.test(error.message)) {
        throw new AppError('UNAVAILABLE', 'The service is busy. Please try again in a moment.', {
          retryAfterSeconds: 1,
        });
      }
      throw error;
    }
  }

  /**
   * Round trips: BEGIN with the opening statements (1), the work, then deferred statements (the
   * audit rows) with COMMIT (1).
   */
  async function inTransaction<T>(
    from: pg.Pool,
    opening: string,
    fn: (tx: Tx) => Promise<T>,
  ): Promise<T> {
    const client = await connect(from);
    let broken: Error | undefined;
    try {
      await client.query(opening);
      const tx = drizzle(client);
      const deferred = enableDeferral(tx);
      const result = await fn(tx);
      await client.query([...deferred, 'COMMIT'].join(';\n'));
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

  /** Round trips: the reads, then the audit rows in one statement (the connection's practice is usually already set). */
  async function tenantRead<T>(practiceId: string, fn: (tx: Tx) => Promise<T>): Promise<T> {
    const preamble = tenantSessionPreamble(practiceId);
    const client = await connect(tenantPool);
    let broken: Error | undefined;
    try {
      if (connectionPractice.get(client) !== practiceId) {
        connectionPractice.delete(client);
        await client.query(preamble);
        connectionPractice.set(client, practiceId);
      }
      const tx = drizzle(client);
      const deferred = enableDeferral(tx);
      const result = await fn(tx);
      // Several statements in one simple query run as one implicit transaction: all rows or none.
      if (deferred.length > 0) await client.query(deferred.join(';\n'));
      return result;
    } catch (error) {
      if (!(error instanceof AppError))
        broken = error instanceof Error ? error : new Error(String(error));
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
    tenant: (practiceId, fn) =>
      inTransaction(tenantPool, `BEGIN; ${tenantPreamble(practiceId)}`, fn),
    tenantRead,
    system: (fn) => inTransaction(pool, 'BEGIN', fn),
    direct: (fn) => fn(direct),
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
      await Promise.all([pool.end(), tenantPool.end()]);
    },
  };
}
