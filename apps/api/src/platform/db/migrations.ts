import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** Finds the committed migrations folder from source (src/…) and from the bundle (dist/…). */
export function migrationsFolder(): string {
  let dir = path.dirname(fileURLToPath(import.meta.url));
  for (let i = 0; i < 6; i++) {
    const candidate = path.join(dir, 'drizzle');
    if (existsSync(path.join(candidate, 'meta', '_journal.json'))) return candidate;
    dir = path.dirname(dir);
  }
  throw new Error('Migrations folder (apps/api/drizzle) not found');
}

export function committedMigrationCount(): number {
  const journal = JSON.parse(
    readFileSync(path.join(migrationsFolder(), 'meta', '_journal.json'), 'utf8'),
  ) as {
    entries: unknown[];
  };
  return journal.entries.length;
}

/** Arbitrary but fixed key for pg_advisory_lock, so concurrent starts migrate once. */
export const migrationLockKey = 72_406_001;
/** Held while a starting process decides whether to seed the demo practice. */
export const seedLockKey = 72_406_002;

export const appliedMigrationsQuery = 'SELECT count(*)::int AS n FROM drizzle.__drizzle_migrations';
