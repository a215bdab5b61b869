import { sql } from 'drizzle-orm';
import type { Database } from '../db/database.ts';
import type { Clock } from '../clock.ts';

/**
 * A fixed-window counter in PostgreSQL, so every API process shares one count.
 * One statement: start a new window when the old one has passed, else increment.
 */
export async function hitWindow(
  db: Database,
  clock: Clock,
  key: string,
  windowSeconds: number,
): Promise<{ count: number; resetInSeconds: number }> {
  const now = clock.now();
  const rows = await db.direct(async (tx) => {
    const res = await tx.execute<{ count: number; window_started_at: string | Date }>(sql`
      INSERT INTO rate_limit_buckets (key, window_started_at, count)
      VALUES (${key}, ${now.toISOString()}, 1)
      ON CONFLICT (key) DO UPDATE SET
        count = CASE WHEN rate_limit_buckets.window_started_at <= ${now.toISOString()}::timestamptz - make_interval(secs => ${windowSeconds})
                     THEN 1 ELSE rate_limit_buckets.count + 1 END,
        window_started_at = CASE WHEN rate_limit_buckets.window_started_at <= ${now.toISOString()}::timestamptz - make_interval(secs => ${windowSeconds})
                     THEN ${now.toISOString()}::timestamptz ELSE rate_limit_buckets.window_started_at END
      RETURNING count, window_started_at`);
    return res.rows;
  });
  const row = rows[0];
  if (!row) throw new Error('hitWindow: no row');
  const startedMs = new Date(row.window_started_at).getTime();
  const resetInSeconds = Math.max(
    1,
    Math.ceil((startedMs + windowSeconds * 1000 - now.getTime()) / 1000),
  );
  return { count: row.count, resetInSeconds };
}
