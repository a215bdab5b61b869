import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import pg from 'pg';
import { startPortico, waitReady, type PorticoProcess } from './support/process.ts';

const adminUrl = process.env.DATABASE_URL_TEST ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const dbName = `portico_system_${Date.now()}`;
let databaseUrl = '';
const processes: PorticoProcess[] = [];

async function admin<T>(fn: (c: pg.Client) => Promise<T>): Promise<T> {
  const c = new pg.Client({ connectionString: adminUrl });
  await c.connect();
  try {
    return await fn(c);
  } finally {
    await c.end();
  }
}

beforeAll(async () => {
  await admin((c) => c.query(`CREATE DATABASE ${dbName}`));
  const url = new URL(adminUrl);
  url.pathname = `/${dbName}`;
  databaseUrl = url.toString();
});

afterAll(async () => {
  for (const p of processes) await p.stop('SIGKILL');
  await admin((c) => c.query(`DROP DATABASE IF EXISTS ${dbName} WITH (FORCE)`));
});

describe('two API processes on one PostgreSQL', () => {
  it('both start together, migrations run once, the demo is seeded once', async () => {
    const env = { DATABASE_URL: databaseUrl, PORTICO_WORKER: 'true', PORTICO_SEED_DEMO: 'true' };
    processes.push(await startPortico(env), await startPortico(env));
    await Promise.all(processes.map((p) => waitReady(p)));
    const counts = await admin(async () => {
      const c = new pg.Client({ connectionString: databaseUrl });
      await c.connect();
      try {
        const migrations = await c.query<{ n: number }>(
          'select count(*)::int n from drizzle.__drizzle_migrations',
        );
        const practices = await c.query<{ n: number }>(
          "select count(*)::int n from practices where slug = 'demo-pt'",
        );
        const patients = await c.query<{ n: number }>('select count(*)::int n from patients');
        return {
          migrations: migrations.rows[0]?.n,
          practices: practices.rows[0]?.n,
          patients: patients.rows[0]?.n,
        };
      } finally {
        await c.end();
      }
    });
    expect(counts.practices).toBe(1);
    expect(counts.patients).toBe(50);
    expect(counts.migrations).toBeGreaterThanOrEqual(2);
  });

  it('a session made on one process works on the other', async () => {
    const [a, b] = processes;
    if (!a || !b) throw new Error('processes not started');
    const signIn = await fetch(`${a.baseUrl}/api/practice/auth/sign-in`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        email: 'admin@demo-pt.example',
        password: 'harbor-lantern-sunrise-47',
      }),
    });
    expect(signIn.status).toBe(200);
    const cookie = (signIn.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
    const me = await fetch(`${b.baseUrl}/api/practice/auth/me`, { headers: { cookie } });
    expect(me.status).toBe(200);
    const list = await fetch(`${b.baseUrl}/api/practice/patients?pageSize=5`, {
      headers: { cookie },
    });
    expect(list.status).toBe(200);
    expect(((await list.json()) as { total: number }).total).toBe(50);
  });

  it('stops cleanly on SIGTERM (exit code 0)', async () => {
    const b = processes[1];
    if (!b) throw new Error('process not started');
    expect(await b.stop('SIGTERM')).toBe(0);
  });
});
