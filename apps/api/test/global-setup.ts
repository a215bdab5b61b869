import { writeFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import type { TestProject } from 'vitest/node';
import { openPglite } from '../src/platform/db/pglite.ts';
import { openPostgres } from '../src/platform/db/postgres.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    pgliteTemplate: string;
    postgresUrl: string;
  }
}

export const defaultPostgresAdminUrl = 'postgres://postgres@127.0.0.1:5432/postgres';

/**
 * Per run: for PGlite, migrate once and dump a template every test file loads (creating a PGlite
 * costs seconds); for PostgreSQL, create a fresh database, migrate it, and drop it at the end.
 */
export default async function setup(project: TestProject) {
  const target = project.name === 'api-postgres' ? 'postgres' : 'pglite';
  if (target === 'pglite') {
    const db = await openPglite(undefined);
    await db.migrate();
    const dump = await db.client.dumpDataDir('none');
    const file = path.join(os.tmpdir(), `portico-template-${process.pid}-${Date.now()}.tar`);
    await writeFile(file, Buffer.from(await dump.arrayBuffer()));
    await db.close();
    project.provide('pgliteTemplate', file);
    project.provide('postgresUrl', '');
    return async () => rm(file, { force: true });
  }
  const adminUrl = process.env.DATABASE_URL_TEST ?? defaultPostgresAdminUrl;
  const name = `portico_test_${Date.now()}_${process.pid}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  const db = openPostgres({ connectionString: url.toString() });
  await db.migrate();
  await db.close();
  project.provide('postgresUrl', url.toString());
  project.provide('pgliteTemplate', '');
  return async () => {
    const cleanup = new pg.Client({ connectionString: adminUrl });
    await cleanup.connect();
    await cleanup.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    await cleanup.end();
  };
}
