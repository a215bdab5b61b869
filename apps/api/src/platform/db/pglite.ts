import { mkdirSync } from 'node:fs';
import { PGlite } from '@electric-sql/pglite';
import { sql } from 'drizzle-orm';
import { drizzle } from 'drizzle-orm/pglite';
import { migrate } from 'drizzle-orm/pglite/migrator';
import type { Database, Tx } from './database.ts';
import { tenantPreamble } from './database.ts';
import { appliedMigrationsQuery, committedMigrationCount, migrationsFolder } from './migrations.ts';

/**
 * Embedded PostgreSQL (WASM). `dataDir` undefined means in memory (tests); `loadDataDir` starts
 * from a dump of an already-migrated database (tests create one per run, not one per file).
 */
export async function openPglite(
  dataDir: string | undefined,
  options: { loadDataDir?: Blob } = {},
): Promise<Database & { client: PGlite }> {
  if (dataDir) mkdirSync(dataDir, { recursive: true });
  const client = await PGlite.create({
    ...(dataDir ? { dataDir } : {}),
    ...(options.loadDataDir ? { loadDataDir: options.loadDataDir } : {}),
  });
  const db = drizzle(client);
  const asTx = (tx: unknown) => tx as Tx;

  function tenant<T>(practiceId: string, fn: (tx: Tx) => Promise<T>): Promise<T> {
    const preamble = tenantPreamble(practiceId).split('; ');
    return db.transaction(async (tx) => {
      for (const statement of preamble) await tx.execute(sql.raw(statement));
      return fn(asTx(tx));
    });
  }

  return {
    driver: 'pglite',
    tenant,
    // One in-process connection and no round trips: a read is simply a tenant transaction.
    tenantRead: tenant,
    client,
    system(fn) {
      return db.transaction((tx) => fn(asTx(tx)));
    },
    direct: (fn) => fn(asTx(db)),
    // One process owns an embedded database, so there is nobody to exclude.
    exclusive: (_lockKey, fn) => fn(),
    async migrate() {
      await migrate(db, { migrationsFolder: migrationsFolder() });
    },
    async ready() {
      try {
        const res = await client.query<{ n: number }>(appliedMigrationsQuery);
        return res.rows[0]?.n === committedMigrationCount();
      } catch {
        return false;
      }
    },
    async close() {
      await client.close();
    },
  };
}
