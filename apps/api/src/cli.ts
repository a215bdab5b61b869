import { parseArgs } from 'node:util';
import { eq } from 'drizzle-orm';
import { practiceSlug } from '@portico/contracts';
import { buildApp } from './app.ts';
import { ConfigError, loadConfig } from './platform/config.ts';
import { openDatabase } from './platform/db/open.ts';
import { systemClock } from './platform/clock.ts';
import { createDeliverer } from './platform/delivery/create-deliverer.ts';
import { email as emailSchema } from '@portico/contracts';
import { insertFakePatients, seedDemoPractice, demoPractice } from './operator/seed-demo.ts';
import { resetStaffPassword, setPasswordLink } from './operator/reset-staff-password.ts';
import { resetStaffMfa } from './operator/reset-staff-mfa.ts';
import { practices } from './features/practices/tables.ts';
import { locations, providers } from './features/directory/tables.ts';
import { mrnCounters } from './features/patients/tables.ts';

const help = `Portico operator commands

Usage: npm run portico -- <command> [options]

Commands:
  create-practice --name <name> --admin-email <email> [--admin-name <name>] [--slug <slug>] [--time-zone <IANA zone>] [--existing-admin]
      Creates a practice and its first admin, and prints a one-time link (72 hours) for the
      admin to set a password. An email that already has a staff account is refused unless
      --existing-admin is given: that person then becomes admin of the new practice too and
      signs in with their existing password (no link is printed).
  reset-staff-password --email <email>
      Prints a one-time link (60 minutes, single use; only the newest link works) for a staff
      member to choose a new password. Completing it lifts a lockout or a password disabled
      after too many failed sign-ins, and ends the person's sessions.
  reset-staff-mfa --email <email>
      For a staff member who lost both their second factor and their recovery codes (confirm
      who they are first): removes their authenticator app, passkeys and recovery codes and
      ends their sessions. Their next sign-in asks them to set up a new second factor.
  seed [--patients <n>] [--practice <slug>]
      Adds <n> fictional patients (default 50) to a practice (default: the demo practice,
      created if missing). Used for demos and benchmarks.
  migrate
      Applies pending database migrations and exits.
  help
      Shows this text.

The database is the one the server uses: DATABASE_URL, or the embedded database in
PORTICO_DATA_DIR (default ./data). The embedded database serves one process at a time:
stop the server before running a command against it.`;

function fail(message: string): never {
  console.error(`Error: ${message}\n\nRun "npm run portico -- --help" for usage.`);
  process.exit(2);
}

async function main(argv: string[]): Promise<void> {
  const [command, ...rest] = argv;
  if (!command || command === 'help' || command === '--help' || command === '-h') {
    console.log(help);
    return;
  }
  if (
    !['create-practice', 'reset-staff-password', 'reset-staff-mfa', 'seed', 'migrate'].includes(
      command,
    )
  )
    fail(`unknown command "${command}"`);
  const { values } = parseArgs({
    args: rest,
    strict: true,
    options: {
      name: { type: 'string' },
      'admin-email': { type: 'string' },
      'admin-name': { type: 'string' },
      slug: { type: 'string' },
      'time-zone': { type: 'string' },
      'existing-admin': { type: 'boolean' },
      email: { type: 'string' },
      patients: { type: 'string' },
      practice: { type: 'string' },
    },
  });
  let config;
  try {
    config = loadConfig();
  } catch (error) {
    if (error instanceof ConfigError) fail(error.message);
    throw error;
  }
  const db = await openDatabase(config);
  try {
    await db.migrate();
    if (command === 'migrate') {
      console.log('Migrations applied.');
      return;
    }
    const { context } = await buildApp(
      { config, db, clock: systemClock, deliverer: createDeliverer(config, db, systemClock) },
      { logger: false, webDist: null },
    );
    if (command === 'create-practice') {
      const name = values.name?.trim();
      if (!name) fail('--name is required');
      const adminEmail = emailSchema.safeParse(values['admin-email'] ?? '');
      if (!adminEmail.success) fail('--admin-email must be a valid email address');
      const slug = practiceSlug.safeParse(
        values.slug ??
          name
            .toLowerCase()
            .replace(/[^a-z0-9]+/g, '-')
            .replace(/^-|-$/g, '')
            .slice(0, 48),
      );
      if (!slug.success) fail('--slug must be lowercase letters, digits and dashes');
      const timeZone = values['time-zone'] ?? 'America/New_York';
      try {
        new Intl.DateTimeFormat('en', { timeZone });
      } catch {
        fail(`--time-zone "${timeZone}" is not an IANA time zone (for example America/Chicago)`);
      }
      const { adminUserId, adminIsNew } = await context.services.practices.create({
        name,
        slug: slug.data,
        timeZone,
        adminEmail: adminEmail.data,
        adminName: values['admin-name'] ?? adminEmail.data.split('@')[0] ?? 'Administrator',
        allowExistingAdmin: values['existing-admin'] === true,
      });
      console.log(`Practice "${name}" created.
  Practice console: ${config.publicUrl}/practice
  Patient portal:   ${config.publicUrl}/portal/${slug.data}
`);
      if (!adminIsNew) {
        console.log(
          `${adminEmail.data} already had a staff account and is now also admin of this practice. They sign in with their existing password.`,
        );
        return;
      }
      const token = await context.services.staffAuth.issuePasswordSetup(adminUserId);
      console.log(`One-time link for ${adminEmail.data} to set a password (valid 72 hours, single use):
  ${setPasswordLink(config.publicUrl, token)}`);
      return;
    }
    if (command === 'reset-staff-mfa') {
      const email = emailSchema.safeParse(values.email ?? '');
      if (!email.success) fail('--email must be a valid email address');
      const { factorsRemoved, sessionsEnded } = await resetStaffMfa(
        db,
        context.services.staffAuth,
        email.data,
        new Date(),
      );
      console.log(
        `Removed ${factorsRemoved} second factor(s) and the recovery codes of ${email.data}; ended ${sessionsEnded} session(s). At the next sign-in they set up a new second factor.`,
      );
      return;
    }
    if (command === 'reset-staff-password') {
      const email = emailSchema.safeParse(values.email ?? '');
      if (!email.success) fail('--email must be a valid email address');
      const { link, validMinutes } = await resetStaffPassword(
        context.services.staffAuth,
        config.publicUrl,
        email.data,
      );
      console.log(`One-time link for ${email.data} to choose a new password (valid ${validMinutes} minutes, single use; earlier links no longer work):
  ${link}
Completing it lifts a lockout or a disabled password and signs the person out everywhere.`);
      return;
    }
    // seed
    const count = Number(values.patients ?? '50');
    if (!Number.isInteger(count) || count < 1 || count > 2_000_000)
      fail('--patients must be a whole number between 1 and 2000000');
    const slug = values.practice ?? demoPractice.slug;
    let [practice] = await db.system((tx) =>
      tx.select().from(practices).where(eq(practices.slug, slug)),
    );
    if (!practice && slug === demoPractice.slug) {
      await seedDemoPractice(context.services, db, 0);
      [practice] = await db.system((tx) =>
        tx.select().from(practices).where(eq(practices.slug, slug)),
      );
    }
    if (!practice) fail(`no practice with the address "${slug}"`);
    const practiceId = practice.id;
    const started = performance.now();
    await db.tenant(practiceId, async (tx) => {
      const [counter] = await tx
        .select()
        .from(mrnCounters)
        .where(eq(mrnCounters.practiceId, practiceId));
      const providerIds = (await tx.select({ id: providers.id }).from(providers)).map((p) => p.id);
      const locationIds = (await tx.select({ id: locations.id }).from(locations)).map((l) => l.id);
      await insertFakePatients(tx, practiceId, count, counter?.lastValue ?? 0, {
        providerIds,
        locationIds,
      });
    });
    console.log(
      `Added ${count} patients to "${practice.name}" in ${((performance.now() - started) / 1000).toFixed(1)} s.`,
    );
  } finally {
    await db.close();
  }
}

main(process.argv.slice(2)).catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
