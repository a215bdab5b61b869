// Sign-in throughput and latency with the production Argon2id parameters (POLICY.md: 19 MiB,
// 2 iterations, parallelism 1) on this machine, against PostgreSQL.
// 1. Argon2id verify alone, in-process (the floor: what the CPU allows).
// 2. POST /api/portal/auth/sign-in of the demo patient over HTTP, at 8 and at 50 connections.
// Every request comes "from" its own address (TRUST_PROXY=1 + X-Forwarded-For), so the per-IP
// limit of 60/min is not what is measured.
// Usage: npm run build && npx tsx bench/sign-in.ts [rounds]
import { availableParallelism } from 'node:os';
import autocannon from 'autocannon';
import { hashPassword, createPasswordHasher } from '../apps/api/src/platform/auth/password-hash.ts';
import { startPortico, waitReady } from '../e2e/support/process.ts';
import { databaseUrl, median, withAdmin } from './support.ts';

const rounds = Number(process.argv[2] ?? '3');
const password = 'harbor-lantern-sunrise-47';

async function argon2Throughput(seconds: number, concurrency: number) {
  const hasher = createPasswordHasher();
  const hash = await hashPassword(password);
  const latencies: number[] = [];
  const deadline = performance.now() + seconds * 1000;
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (performance.now() < deadline) {
        const started = performance.now();
        if (!(await hasher.verify(hash, password))) throw new Error('verify failed');
        latencies.push(performance.now() - started);
      }
    }),
  );
  return {
    perSecond: latencies.length / seconds,
    p50: pct(latencies, 0.5),
    p99: pct(latencies, 0.99),
  };
}

function pct(values: number[], q: number): number {
  const s = [...values].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor(q * s.length))] ?? 0;
}

let ipCounter = 0;
function signInLoad(baseUrl: string, connections: number, seconds: number) {
  return autocannon({
    url: `${baseUrl}/api/portal/auth/sign-in`,
    connections,
    duration: seconds,
    requests: [
      {
        method: 'POST',
        setupRequest: (req) => {
          ipCounter++;
          return {
            ...req,
            headers: {
              ...req.headers,
              'content-type': 'application/json',
              origin: baseUrl,
              'x-forwarded-for': `10.${(ipCounter >> 16) & 255}.${(ipCounter >> 8) & 255}.${ipCounter & 255}`,
            },
            body: JSON.stringify({ email: 'patient@demo-pt.example', password }),
          };
        },
      },
    ],
  });
}

const dbName = `portico_bench_signin_${Date.now()}`;
await withAdmin((c) => c.query(`CREATE DATABASE ${dbName}`));
try {
  console.log(
    `cores: ${availableParallelism()}, UV_THREADPOOL_SIZE: ${process.env.UV_THREADPOOL_SIZE ?? '4 (default)'}`,
  );
  const floor = [];
  for (let r = 0; r < rounds; r++) floor.push(await argon2Throughput(5, 4));
  console.log(
    `argon2id verify in-process (4 at a time): ${median(floor.map((f) => f.perSecond)).toFixed(1)}/s, p50 ${median(floor.map((f) => f.p50)).toFixed(0)} ms, p99 ${median(floor.map((f) => f.p99)).toFixed(0)} ms`,
  );

  const portico = await startPortico({
    DATABASE_URL: databaseUrl(dbName),
    PORTICO_SEED_DEMO: 'true',
    PORTICO_WORKER: 'false',
    TRUST_PROXY: '1',
    LOG_LEVEL: 'silent',
  });
  await waitReady(portico);
  try {
    for (const connections of [8, 50]) {
      await signInLoad(portico.baseUrl, connections, 2); // warm-up
      const runs = [];
      for (let r = 0; r < rounds; r++)
        runs.push(await signInLoad(portico.baseUrl, connections, 10));
      const non2xx = runs.reduce((n, x) => n + x.non2xx + x.errors + x.timeouts, 0);
      console.log(
        `sign-in over HTTP, ${connections} connections: ${median(runs.map((x) => x.requests.average)).toFixed(1)} req/s, p50 ${median(runs.map((x) => x.latency.p50))} ms, p99 ${median(runs.map((x) => x.latency.p99))} ms, non-2xx/errors ${non2xx}`,
      );
      if (non2xx > 0) throw new Error('some sign-ins failed: the figures above are not valid');
    }
  } finally {
    await portico.stop();
  }
} finally {
  await withAdmin((c) => c.query(`DROP DATABASE IF EXISTS ${dbName} WITH (FORCE)`));
}
