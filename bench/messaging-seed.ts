// Messaging data for the benchmark: a fresh PostgreSQL database migrated by the app, the demo
// practice with `patients` patients (the app's own seed command), every patient registered for
// the portal, 3 threads per patient and exactly `messages` messages, set-based in SQL.
// Usage (standalone, keeps the database and prints its name):
//   npm run build -w @portico/api && npx tsx bench/messaging-seed.ts 100000 1000000
import { execFileSync } from 'node:child_process';
import path from 'node:path';
import type pg from 'pg';
import { hashPassword } from '../apps/api/src/platform/auth/password-hash.ts';
import { repoRoot } from '../e2e/support/process.ts';
import { bigTables, messagingSeedStatements } from './messaging-seed-sql.ts';
import { databaseUrl, withAdmin } from './support.ts';

export const benchPassword = 'harbor-lantern-sunrise-47';

export interface MessagingBenchDatabase {
  dbName: string;
  url: string;
  practiceId: string;
  /** A registered patient with several threads, and one of their threads (6–8 messages, all read). */
  patient: { id: string; email: string; threads: number };
  thread: { id: string; messages: number };
  seconds: { patients: number; messaging: number; indexes: number; vacuum: number };
  drop(): Promise<void>;
}

async function timed<T>(fn: () => Promise<T> | T): Promise<[T, number]> {
  const started = performance.now();
  const value = await fn();
  return [value, (performance.now() - started) / 1000];
}

async function rebuildWithoutIndexes(c: pg.Client, work: () => Promise<void>): Promise<number> {
  const { rows } = await c.query<{ indexname: string; indexdef: string }>(
    `SELECT indexname, indexdef FROM pg_indexes WHERE schemaname = 'public'
       AND tablename = ANY($1) AND indexname NOT IN (SELECT conname FROM pg_constraint)`,
    [bigTables],
  );
  for (const r of rows) await c.query(`DROP INDEX "${r.indexname}"`);
  await work();
  const [, seconds] = await timed(async () => {
    for (const r of rows) await c.query(r.indexdef);
  });
  return seconds;
}

export async function seedMessagingDatabase(
  patients: number,
  messages: number,
  log: (line: string) => void = console.log,
): Promise<MessagingBenchDatabase> {
  const dbName = `portico_bench_msg_${Date.now()}`;
  await withAdmin((c) => c.query(`CREATE DATABASE ${dbName}`));
  const url = databaseUrl(dbName);
  const drop = () =>
    withAdmin((c) => c.query(`DROP DATABASE IF EXISTS ${dbName} WITH (FORCE)`)).then(() => {
      log(`dropped ${dbName}`);
    });
  try {
    const [, patientSeconds] = await timed(() =>
      execFileSync(
        process.execPath,
        [path.join(repoRoot, 'apps/api/dist/cli.js'), 'seed', '--patients', String(patients)],
        { env: { ...process.env, DATABASE_URL: url }, stdio: 'ignore' },
      ),
    );
    log(`${dbName}: ${patients} patients (app seed command) in ${patientSeconds.toFixed(1)} s`);
    const passwordHash = await hashPassword(benchPassword);
    const seeded = await withAdmin(async (c) => {
      const practice = await c.query<{ id: string }>(
        "SELECT id FROM practices WHERE slug = 'demo-pt'",
      );
      const practiceId = practice.rows[0]?.id;
      if (!practiceId) throw new Error('demo practice missing after seed');
      const statements = messagingSeedStatements({
        practiceId,
        threads: patients * 3,
        messages,
        passwordHash,
      });
      let messagingSeconds = 0;
      const indexSeconds = await rebuildWithoutIndexes(c, async () => {
        [, messagingSeconds] = await timed(async () => {
          for (const s of statements) {
            const [, seconds] = await timed(() => c.query(s));
            if (seconds > 2) log(`  ${seconds.toFixed(1)} s: ${s.trim().slice(0, 60)}…`);
          }
        });
      });
      const target = await c.query<{
        id: string;
        c: number;
        patient_id: string;
        email: string;
        threads: number;
      }>(`SELECT t.id, t.c, t.patient_id, a.email, pt.threads
          FROM bench_thread t JOIN bench_accounts a ON a.patient_id = t.patient_id
          JOIN (SELECT patient_id, count(*)::int AS threads FROM bench_thread GROUP BY patient_id) pt
            ON pt.patient_id = t.patient_id
          WHERE t.c BETWEEN 6 AND 8 AND t.staff_unread = 0 AND t.patient_unread = 0
            AND pt.threads >= 4
          ORDER BY t.last_at DESC LIMIT 1`);
      const row = target.rows[0];
      if (!row) throw new Error('no thread with 6–8 messages for the thread view');
      const [, vacuumSeconds] = await timed(() =>
        // Every table, as autovacuum would have by the time the data is this old: the seed
        // command's patients too (without statistics the planner thinks the practice has a
        // handful of patients and drives the inbox join from them — see RESULTS.md).
        c.query('VACUUM ANALYZE'),
      );
      return {
        practiceId,
        patient: { id: row.patient_id, email: row.email, threads: row.threads },
        thread: { id: row.id, messages: row.c },
        seconds: {
          patients: patientSeconds,
          messaging: messagingSeconds,
          indexes: indexSeconds,
          vacuum: vacuumSeconds,
        },
      };
    }, url);
    const s = seeded.seconds;
    log(
      `${dbName}: ${patients * 3} threads, ${messages} messages in ${s.messaging.toFixed(1)} s, ` +
        `indexes rebuilt in ${s.indexes.toFixed(1)} s, VACUUM ANALYZE ${s.vacuum.toFixed(1)} s ` +
        `(total with patients ${(s.patients + s.messaging + s.indexes + s.vacuum).toFixed(1)} s)`,
    );
    return { dbName, url, ...seeded, drop };
  } catch (error) {
    await drop();
    throw error;
  }
}

if (import.meta.url === `file://${process.argv[1] ?? ''}`) {
  const patients = Number(process.argv[2] ?? '100000');
  const messages = Number(process.argv[3] ?? String(patients * 10));
  const db = await seedMessagingDatabase(patients, messages);
  console.log(JSON.stringify({ ...db, drop: undefined }, null, 2));
}
