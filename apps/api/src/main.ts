import { buildApp } from './app.ts';
import { ConfigError, loadConfig, type Config } from './platform/config.ts';
import { openDatabase } from './platform/db/open.ts';
import { seedLockKey } from './platform/db/migrations.ts';
import { systemClock } from './platform/clock.ts';
import { createDeliverer } from './platform/delivery/create-deliverer.ts';
import { startWorker } from './platform/outbox/worker.ts';
import { failureMessage } from './platform/outbox/rules.ts';
import {
  demoPassword,
  demoPatientAccount,
  demoPractice,
  demoStaff,
  seedDemoPractice,
} from './operator/seed-demo.ts';

function readConfig(): Config {
  try {
    return loadConfig();
  } catch (error) {
    if (error instanceof ConfigError) {
      console.error(error.message);
      process.exit(1);
    }
    throw error;
  }
}

async function main(): Promise<void> {
  const startedAt = performance.now();
  const config = readConfig();
  const db = await openDatabase(config);
  await db.migrate();
  const deliverer = createDeliverer(config, db, systemClock);
  const { fastify, context } = await buildApp({ config, db, clock: systemClock, deliverer });

  // Under a lock: two processes starting together on an empty database seed it once.
  const seeded =
    config.seedDemo &&
    (await db.exclusive(seedLockKey, async () => {
      if ((await context.services.practices.count()) > 0) return false;
      await seedDemoPractice(context.services, db);
      return true;
    }));
  const worker = config.runWorker
    ? startWorker({
        db,
        clock: systemClock,
        deliverer,
        jobHandlers: context.jobHandlers,
        periodicTasks: context.periodicTasks,
        log: fastify.log,
      })
    : null;

  await fastify.listen({ port: config.port, host: config.host });
  const readyMs = Math.round(performance.now() - startedAt);
  printBanner(config, { seeded, readyMs, embedded: !config.databaseUrl });

  let stopping = false;
  const shutdown = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    fastify.log.info({ signal }, 'shutting down: no new connections, finishing in-flight requests');
    const force = setTimeout(() => process.exit(1), 15_000);
    force.unref();
    await fastify.close();
    await worker?.stop();
    await db.close();
    process.exit(0);
  };
  process.on('SIGTERM', () => void shutdown('SIGTERM'));
  process.on('SIGINT', () => void shutdown('SIGINT'));
}

function printBanner(
  config: Config,
  facts: { seeded: boolean; readyMs: number; embedded: boolean },
): void {
  const url = config.publicUrl;
  const lines = [
    '',
    `  Portico is running: ${url}  (ready in ${facts.readyMs} ms)`,
    `  Database: ${facts.embedded ? `embedded PGlite in ${config.dataDir}` : 'PostgreSQL (DATABASE_URL)'}`,
    '',
    `  Practice console:  ${url}/practice`,
    `  Patient portal:    ${url}/portal/${demoPractice.slug}`,
    `  API docs:          ${url}/api/docs`,
  ];
  if (config.seedDemo) {
    lines.push(
      '',
      `  Demo sign-ins for "${demoPractice.name}" (password for all: ${demoPassword}):`,
    );
    for (const s of demoStaff) lines.push(`    ${s.role.padEnd(11)} ${s.email}`);
    lines.push(`    ${'patient'.padEnd(11)} ${demoPatientAccount.email}  (patient portal)`);
    const inMailbox = [!config.smtpUrl && 'Email', !config.sms.providerUrl && 'SMS']
      .filter(Boolean)
      .join(' and ');
    if (inMailbox)
      lines.push(
        '',
        `  ${inMailbox} land in the dev mailbox (not really sent): ${url}/practice/dev-mailbox`,
      );
    if (facts.seeded) lines.push('', '  First start: demo practice created with 50 patients.');
  }
  if (config.env === 'production' && (!config.smtpUrl || !config.sms.providerUrl)) {
    lines.push(
      '',
      '  WARNING: NODE_ENV=production without SMTP_URL/SMS_PROVIDER_URL: messages stay in the dev mailbox.',
    );
  }
  console.log(lines.join('\n') + '\n');
}

main().catch((error: unknown) => {
  // failureMessage unwraps a failed query to PostgreSQL's reason, without the SQL or its values.
  console.error('Portico failed to start:', failureMessage(error));
  process.exit(1);
});
