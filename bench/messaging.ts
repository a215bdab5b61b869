// Messaging reads under load (50 connections, 10 s) on PostgreSQL at two sizes (100 000 and
// 1 000 000 messages): the staff inbox's first page, the patient's thread list, and a thread view
// (portal and staff), each beside the same SQL through a plain `pg` Pool of 50 in the same run.
// Also EXPLAIN (ANALYZE, BUFFERS) of the inbox and thread-list queries as the tenant role.
// Usage: npm run build -w @portico/api && npx tsx bench/messaging.ts [rounds] [messages,…]
import { startPortico, waitReady } from '../e2e/support/process.ts';
import { bareLoad } from './bare-pg-load.ts';
import { checkSameRows, explainTenant, messagingCases } from './messaging-queries.ts';
import { benchPassword, seedMessagingDatabase } from './messaging-seed.ts';
import { staffSignIn } from './staff-session.ts';
import { load, median, type LoadResult } from './support.ts';

const rounds = Number(process.argv[2] ?? '3');
const sizes = (process.argv[3] ?? '100000,1000000').split(',').map(Number);

async function patientSignIn(baseUrl: string, email: string): Promise<string> {
  const res = await fetch(`${baseUrl}/api/portal/auth/sign-in`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', origin: baseUrl },
    body: JSON.stringify({ email, password: benchPassword }),
  });
  const body = (await res.json()) as { status?: string };
  if (res.status !== 200 || body.status !== 'signed_in')
    throw new Error(`patient sign-in: ${res.status} ${JSON.stringify(body)}`);
  return (res.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
}

interface Row {
  size: number;
  name: string;
  api: LoadResult[];
  bare: LoadResult[];
}
const table: Row[] = [];

for (const messages of sizes) {
  const db = await seedMessagingDatabase(messages / 10, messages);
  try {
    const portico = await startPortico({
      DATABASE_URL: db.url,
      PORTICO_WORKER: 'false',
      LOG_LEVEL: 'silent',
    });
    try {
      await waitReady(portico);
      const staffCookie = await staffSignIn(portico.baseUrl, 'admin@demo-pt.example');
      const patientCookie = await patientSignIn(portico.baseUrl, db.patient.email);
      const cases = await messagingCases(db, portico.baseUrl, { staffCookie, patientCookie });
      for (const line of await explainTenant(db)) console.log(line);
      for (const c of cases) {
        await checkSameRows(db.url, c); // the API and the bare statements return the same rows
        await load(c.url, c.headers, 2); // warm-up
        await bareLoad(db.url, c.bare, 2);
        const row: Row = { size: messages, name: c.name, api: [], bare: [] };
        for (let r = 0; r < rounds; r++) {
          row.api.push(await load(c.url, c.headers));
          row.bare.push(await bareLoad(db.url, c.bare));
        }
        table.push(row);
        const last = row.api.at(-1);
        console.log(`${messages} ${c.name}: ${JSON.stringify({ api: row.api, bare: row.bare })}`);
        if (last && last.non2xx > 0) console.log('  (non-2xx responses: figures invalid)');
      }
    } finally {
      await portico.stop();
    }
  } finally {
    await db.drop();
  }
}

const m = (xs: LoadResult[], k: keyof LoadResult) => median(xs.map((x) => x[k]));
console.log(
  `\n| messages | case | API req/s | API p50 ms | API p99 ms | bare req/s | bare p50 ms | bare p99 ms | ratio |`,
);
console.log(`|---|---|---|---|---|---|---|---|---|`);
for (const r of table) {
  const ratio = m(r.api, 'requestsPerSecond') / m(r.bare, 'requestsPerSecond');
  const errors = [...r.api, ...r.bare].reduce((n, x) => n + x.non2xx, 0);
  console.log(
    `| ${r.size.toLocaleString('en')} | ${r.name} | ${m(r.api, 'requestsPerSecond')} | ${m(r.api, 'p50Ms')} | ${m(r.api, 'p99Ms')} | ${m(r.bare, 'requestsPerSecond')} | ${m(r.bare, 'p50Ms')} | ${m(r.bare, 'p99Ms')} | ${ratio.toFixed(2)} |${errors ? ` (${errors} non-2xx/errors!)` : ''}`,
  );
}
