// The reference side of the messaging benchmark: the endpoint's own SQL through a plain `pg`
// Pool (named prepared statements, the owner role: no session check, no tenant setting, no
// audit row, no HTTP), `connections` callers in a loop for `seconds`, in this process.
import pg from 'pg';
import type { LoadResult } from './support.ts';

export interface BareStatement {
  name: string;
  text: string;
  values: unknown[];
}

/** One "request": the statements one after another on one pooled connection. */
export type BareRequest = BareStatement[];

export async function runBare(
  client: pg.ClientBase | pg.Pool,
  request: BareRequest,
): Promise<pg.QueryResult[]> {
  const results: pg.QueryResult[] = [];
  for (const s of request) results.push(await client.query(s));
  return results;
}

function percentile(sorted: number[], q: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? 0;
}

export async function bareLoad(
  url: string,
  request: BareRequest,
  seconds = 10,
  connections = 50,
): Promise<LoadResult> {
  const pool = new pg.Pool({ connectionString: url, max: connections });
  try {
    // Open every connection (and prepare the statements on it) before the clock starts,
    // as autocannon's warm-up does for the API.
    const clients = await Promise.all(Array.from({ length: connections }, () => pool.connect()));
    await Promise.all(clients.map((c) => runBare(c, request)));
    for (const c of clients) c.release();
    const latencies: number[] = [];
    let errors = 0;
    const deadline = performance.now() + seconds * 1000;
    await Promise.all(
      Array.from({ length: connections }, async () => {
        while (performance.now() < deadline) {
          const started = performance.now();
          const client = await pool.connect();
          try {
            await runBare(client, request);
            latencies.push(performance.now() - started);
          } catch {
            errors++;
          } finally {
            client.release();
          }
        }
      }),
    );
    latencies.sort((a, b) => a - b);
    return {
      requestsPerSecond: Math.round(latencies.length / seconds),
      p50Ms: Math.round(percentile(latencies, 0.5) * 10) / 10,
      p99Ms: Math.round(percentile(latencies, 0.99) * 10) / 10,
      non2xx: errors,
    };
  } finally {
    await pool.end();
  }
}
