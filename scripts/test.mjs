#!/usr/bin/env node
// `npm test`: unit tests, API integration tests on PGlite and on PostgreSQL, and browser journeys
// in Chromium. Without CI=true a missing PostgreSQL or Chromium is skipped with a notice; with
// CI=true it fails the run.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import pg from 'pg';

const ci = process.env.CI === 'true' || process.env.CI === '1';
const adminUrl = process.env.DATABASE_URL_TEST ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const chromium = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

async function postgresReachable() {
  const client = new pg.Client({ connectionString: adminUrl, connectionTimeoutMillis: 3000 });
  try {
    await client.connect();
    await client.query('select 1');
    return true;
  } catch {
    return false;
  } finally {
    await client.end().catch(() => undefined);
  }
}

function run(cmd, args, env = {}) {
  const res = spawnSync(cmd, args, { stdio: 'inherit', env: { ...process.env, ...env } });
  return res.status ?? 1;
}

const projects = ['unit', 'api-pglite'];
const missing = [];
if (await postgresReachable()) projects.push('api-postgres', 'system');
else missing.push(`PostgreSQL (${adminUrl.replace(/\/\/[^@]*@/, '//')}; set DATABASE_URL_TEST)`);
if (existsSync(chromium)) projects.push('e2e');
else missing.push(`Chromium (${chromium}; apt-get install chromium, or set CHROMIUM_PATH)`);

if (missing.length > 0) {
  const verb = ci ? 'FAILING: CI=true requires' : 'Skipping suites that need';
  console.error(`\n${verb}: ${missing.join(', ')}\n`);
  if (ci) process.exit(1);
}

if (projects.includes('e2e') || projects.includes('system')) {
  console.log('Building the web app and the API for the browser journeys…');
  if (run('npm', ['run', 'build', '--silent']) !== 0) process.exit(1);
}

mkdirSync('test-results', { recursive: true });
const status = run('npx', [
  'vitest',
  'run',
  ...projects.flatMap((p) => ['--project', p]),
  '--reporter=default',
  '--reporter=json',
  '--outputFile.json=test-results/vitest.json',
  ...process.argv.slice(2),
]);

try {
  const report = JSON.parse(readFileSync('test-results/vitest.json', 'utf8'));
  console.log(`\nSuites run: ${projects.join(', ')}`);
  console.log(
    `${report.numPassedTests} passed, ${report.numFailedTests} failed, ${report.numPendingTests + report.numTodoTests} skipped`,
  );
} catch {
  console.log('0 passed, 1 failed');
}
process.exit(status);
