// The cost of one invitation send end to end (request → outbox → SMTP) under a bulk run of 200:
// a real SMTP conversation with an in-process SMTP sink, PostgreSQL, the worker in the server
// process. Invitations per second = emails received by the sink / seconds from the bulk request
// to the last email. SMS (no provider configured) goes to the dev mailbox.
// Usage: npm run build && npx tsx bench/bulk-invitations.ts [rounds]
import { execFileSync } from 'node:child_process';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { SMTPServer } from 'smtp-server';
import { repoRoot, startPortico, waitReady } from '../e2e/support/process.ts';
import { databaseUrl, median, withAdmin } from './support.ts';
import { staffSignIn } from './staff-session.ts';

const rounds = Number(process.argv[2] ?? '3');
const patients = 200;

let received = 0;
let lastReceivedAt = 0;
const smtp = new SMTPServer({
  authOptional: true,
  disabledCommands: ['STARTTLS'],
  logger: false,
  onData(stream, _session, callback) {
    stream.on('data', () => undefined);
    stream.on('end', () => {
      received++;
      lastReceivedAt = performance.now();
      callback();
    });
  },
});
await new Promise<void>((resolve) => smtp.listen(0, '127.0.0.1', resolve));
const smtpPort = (smtp.server.address() as AddressInfo).port;

const results: { seconds: number; emails: number; sent: number; perSecond: number }[] = [];
try {
  for (let r = 0; r < rounds; r++) {
    const dbName = `portico_bench_bulk_${Date.now()}`;
    await withAdmin((c) => c.query(`CREATE DATABASE ${dbName}`));
    const url = databaseUrl(dbName);
    // The demo practice with exactly `patients` patients, none invited yet.
    execFileSync(
      process.execPath,
      [path.join(repoRoot, 'apps/api/dist/cli.js'), 'seed', '--patients', String(patients)],
      { env: { ...process.env, DATABASE_URL: url }, stdio: 'ignore' },
    );
    const portico = await startPortico({
      DATABASE_URL: url,
      SMTP_URL: `smtp://127.0.0.1:${smtpPort}`,
      LOG_LEVEL: 'silent',
    });
    try {
      await waitReady(portico);
      const cookie = await staffSignIn(portico.baseUrl, 'admin@demo-pt.example');
      received = 0;
      const started = performance.now();
      const run = await fetch(`${portico.baseUrl}/api/practice/invitations/bulk`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', origin: portico.baseUrl, cookie },
        body: JSON.stringify({ scope: 'not_invited_or_expired' }),
      });
      if (run.status !== 202) throw new Error(`bulk start: ${run.status} ${await run.text()}`);
      const { id } = (await run.json()) as { id: string };
      let summary: { status: string; sent: number; skipped: Record<string, number> };
      let runSeconds = 0;
      for (;;) {
        const res = await fetch(`${portico.baseUrl}/api/practice/invitations/bulk/${id}`, {
          headers: { cookie, 'x-portico-background': '1' },
        });
        summary = (await res.json()) as typeof summary;
        if (summary.status === 'completed' || summary.status === 'failed') {
          runSeconds = (performance.now() - started) / 1000;
          break;
        }
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
      // Wait for the outbox to drain: every email-channel message accepted by the sink.
      const expected = await withAdmin(async (c) => {
        const q = await c.query<{ n: number }>(
          "select count(*)::int n from outbox where channel = 'email'",
        );
        return q.rows[0]?.n ?? 0;
      }, url);
      const deadline = performance.now() + 120_000;
      while (received < expected && performance.now() < deadline) {
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
      if (received < expected) throw new Error(`only ${received} of ${expected} emails arrived`);
      const seconds = (lastReceivedAt - started) / 1000;
      results.push({
        seconds,
        emails: received,
        sent: summary.sent,
        perSecond: summary.sent / seconds,
      });
      console.log(
        `round ${r + 1}: ${summary.status}, ${summary.sent} invitations sent (skipped ${JSON.stringify(summary.skipped)}; run finished after ${runSeconds.toFixed(2)} s), ${received} emails through SMTP in ${seconds.toFixed(2)} s → ${(summary.sent / seconds).toFixed(1)} invitations/s`,
      );
    } finally {
      await portico.stop();
      await withAdmin((c) => c.query(`DROP DATABASE IF EXISTS ${dbName} WITH (FORCE)`));
    }
  }
  console.log(
    `median: ${median(results.map((x) => x.perSecond)).toFixed(1)} invitations/s (${median(results.map((x) => x.seconds)).toFixed(2)} s for a run of ${patients} patients)`,
  );
} finally {
  smtp.close();
}
