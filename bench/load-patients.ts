// Patient search and patient detail under load (50 connections, 10 s) on PostgreSQL with
// 100 000 patients, beside a bare Fastify + pg prepared-statement route doing the same SQL.
// Usage: npm run build && npx tsx bench/load-patients.ts [rounds] [patients]
import { execFileSync, spawn } from 'node:child_process';
import path from 'node:path';
import { freePort, repoRoot, startPortico, waitReady } from '../e2e/support/process.ts';
import { completeStaffSecondFactor, cookieSender } from '../e2e/support/staff-mfa.ts';
import { databaseUrl, load, median, withAdmin, type LoadResult } from './support.ts';

const rounds = Number(process.argv[2] ?? '3');
const patientCount = Number(process.argv[3] ?? '100000');
const dbName = `portico_bench_${Date.now()}`;
await withAdmin((c) => c.query(`CREATE DATABASE ${dbName}`));
const url = databaseUrl(dbName);

try {
  const seedStarted = performance.now();
  execFileSync(
    process.execPath,
    [path.join(repoRoot, 'apps/api/dist/cli.js'), 'seed', '--patients', String(patientCount)],
    {
      env: { ...process.env, DATABASE_URL: url },
      stdio: 'inherit',
    },
  );
  console.log(
    `seeded ${patientCount} patients in ${((performance.now() - seedStarted) / 1000).toFixed(1)} s`,
  );

  const portico = await startPortico({
    DATABASE_URL: url,
    PORTICO_WORKER: 'false',
    LOG_LEVEL: 'silent',
  });
  await waitReady(portico);
  const signIn = await fetch(`${portico.baseUrl}/api/practice/auth/sign-in`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email: 'admin@demo-pt.example', password: 'harbor-lantern-sunrise-47' }),
  });
  const cookie = (signIn.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
  await completeStaffSecondFactor(cookieSender(portico.baseUrl, cookie));
  const { practiceId, patientId } = await withAdmin(async (c) => {
    const p = await c.query<{ practice_id: string; id: string }>(
      "SELECT practice_id, id FROM patients WHERE mrn = 'P050000'",
    );
    return { practiceId: p.rows[0]?.practice_id ?? '', patientId: p.rows[0]?.id ?? '' };
  }, url);

  const barePort = await freePort();
  const bare = spawn(
    process.execPath,
    ['--import', 'tsx', path.join(repoRoot, 'bench/bare-server.ts')],
    {
      env: {
        ...process.env,
        BARE_DATABASE_URL: url,
        BARE_PORT: String(barePort),
        BARE_PRACTICE_ID: practiceId,
      },
      stdio: ['ignore', 'pipe', 'inherit'],
    },
  );
  await new Promise<void>((resolve) => {
    bare.stdout.once('data', () => {
      resolve();
    });
  });
  const bareUrl = `http://127.0.0.1:${barePort}`;

  const cases = {
    'search (name prefix "mar")': {
      portico: `${portico.baseUrl}/api/practice/patients?q=mar`,
      bare: `${bareUrl}/search?q=mar`,
    },
    'patient detail': {
      portico: `${portico.baseUrl}/api/practice/patients/${patientId}`,
      bare: `${bareUrl}/patients/${patientId}`,
    },
  };
  const results: Record<string, { portico: LoadResult[]; bare: LoadResult[] }> = {};
  for (const [name, c] of Object.entries(cases)) {
    results[name] = { portico: [], bare: [] };
    await load(c.portico, { cookie }, 2); // warm-up
    await load(c.bare, {}, 2);
    for (let r = 0; r < rounds; r++) {
      results[name].portico.push(await load(c.portico, { cookie }));
      results[name].bare.push(await load(c.bare, {}));
    }
  }
  bare.kill('SIGTERM');
  await portico.stop();

  console.log(`\n| case | Portico req/s | p50 ms | p99 ms | bare pg req/s | bare p99 ms | ratio |`);
  console.log(`|---|---|---|---|---|---|---|`);
  for (const [name, r] of Object.entries(results)) {
    const m = (xs: LoadResult[], k: keyof LoadResult) => median(xs.map((x) => x[k]));
    const ratio = m(r.portico, 'requestsPerSecond') / m(r.bare, 'requestsPerSecond');
    // Any non-2xx (on either side) makes the comparison meaningless: say so loudly.
    const errors = [...r.portico, ...r.bare].reduce((n, x) => n + x.non2xx, 0);
    console.log(
      `| ${name} | ${m(r.portico, 'requestsPerSecond')} | ${m(r.portico, 'p50Ms')} | ${m(r.portico, 'p99Ms')} | ${m(r.bare, 'requestsPerSecond')} | ${m(r.bare, 'p99Ms')} | ${ratio.toFixed(2)} |${errors ? ` (${errors} non-2xx!)` : ''}`,
    );
  }
} finally {
  await withAdmin((c) => c.query(`DROP DATABASE IF EXISTS ${dbName} WITH (FORCE)`));
}
