import { once } from 'node:events';
import { readFile } from 'node:fs/promises';
import http from 'node:http';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import pg from 'pg';
import { completeStaffSecondFactor, cookieSender } from './support/staff-mfa.ts';
import {
  acceptsConnections,
  repoRoot,
  startPortico,
  waitReady,
  waitRefusing,
  type PorticoProcess,
} from './support/process.ts';

const adminUrl = process.env.DATABASE_URL_TEST ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const dbName = `portico_system_${Date.now()}`;
let databaseUrl = '';
const processes: PorticoProcess[] = [];

/** How many migrations are committed (`drizzle/meta/_journal.json`). */
async function committedMigrations(): Promise<number> {
  const journal = JSON.parse(
    await readFile(path.join(repoRoot, 'apps/api/drizzle/meta/_journal.json'), 'utf8'),
  ) as { entries: unknown[] };
  return journal.entries.length;
}

/**
 * A sign-in whose body arrives in two parts. `dispatched` settles once the server has parsed the
 * headers and handed the request to the app (its `100 Continue`) and the first half of the body
 * is sent; the request then stays in flight until `finish()` sends the rest.
 *
 * The client keeps its connection alive, as browsers do: the server must close it after answering,
 * or the process would wait for the client and exit by its force timer (code 1) instead of 0.
 */
function slowSignIn(baseUrl: string, credentials: { email: string; password: string }) {
  const body = Buffer.from(JSON.stringify(credentials));
  const half = Math.floor(body.length / 2);
  const req = http.request(`${baseUrl}/api/practice/auth/sign-in`, {
    method: 'POST',
    agent: new http.Agent({ keepAlive: true }),
    headers: {
      'content-type': 'application/json',
      'content-length': String(body.length),
      expect: '100-continue',
    },
  });
  const dispatched = new Promise<void>((resolve, reject) => {
    req.once('continue', () => {
      req.write(body.subarray(0, half), (error) => {
        if (error) reject(error);
        else resolve();
      });
    });
    req.once('error', reject);
  });
  const response = new Promise<{ status: number; body: string }>((resolve, reject) => {
    req.once('response', (res) => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => {
        text += chunk;
      });
      res.once('end', () => {
        resolve({ status: res.statusCode ?? 0, body: text });
      });
      res.once('error', reject);
    });
    req.once('error', reject);
  });
  req.flushHeaders();
  return {
    dispatched,
    response,
    finish() {
      req.end(body.subarray(half));
    },
  };
}

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
        const duplicateHashes = await c.query<{ hash: string }>(
          'select hash from drizzle.__drizzle_migrations group by hash having count(*) > 1',
        );
        const practices = await c.query<{ n: number }>(
          "select count(*)::int n from practices where slug = 'demo-pt'",
        );
        const patients = await c.query<{ n: number }>('select count(*)::int n from patients');
        return {
          migrations: migrations.rows[0]?.n,
          duplicateHashes: duplicateHashes.rows.map((r) => r.hash),
          practices: practices.rows[0]?.n,
          patients: patients.rows[0]?.n,
        };
      } finally {
        await c.end();
      }
    });
    expect(counts.practices).toBe(1);
    expect(counts.patients).toBe(50);
    // Each committed migration applied exactly once, although both processes ran `migrate`.
    expect(counts.migrations).toBe(await committedMigrations());
    expect(counts.duplicateHashes).toEqual([]);
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
    // Staff MFA is mandatory: set up an authenticator app (first sign-in) or give a code.
    await completeStaffSecondFactor(cookieSender(a.baseUrl, cookie));
    const me = await fetch(`${b.baseUrl}/api/practice/auth/me`, { headers: { cookie } });
    expect(me.status).toBe(200);
    const list = await fetch(`${b.baseUrl}/api/practice/patients?pageSize=5`, {
      headers: { cookie },
    });
    expect(list.status).toBe(200);
    expect(((await list.json()) as { total: number }).total).toBe(50);
  });

  it('on SIGTERM refuses new connections, finishes the request in flight, then exits 0', async () => {
    const b = processes[1];
    if (!b) throw new Error('process not started');
    const inFlight = slowSignIn(b.baseUrl, {
      email: 'admin@demo-pt.example',
      password: 'harbor-lantern-sunrise-47',
    });
    await inFlight.dispatched;
    const exit = once(b.child, 'exit') as Promise<[number | null, NodeJS.Signals | null]>;
    b.child.kill('SIGTERM');

    await waitRefusing(b);
    expect(await acceptsConnections(b)).toBe(false);
    // Still running: it waits for the request whose body has not finished arriving.
    expect(b.child.exitCode).toBeNull();

    inFlight.finish();
    const signIn = await inFlight.response;
    expect(signIn.status).toBe(200);
    expect(JSON.parse(signIn.body)).toMatchObject({ user: { email: 'admin@demo-pt.example' } });
    expect(await exit).toEqual([0, null]);
  });
});
