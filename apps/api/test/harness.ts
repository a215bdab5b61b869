import { readFile } from 'node:fs/promises';
import { randomUUID } from 'node:crypto';
import { inject } from 'vitest';
import type { StaffRole } from '@portico/contracts';
import { buildApp, type BuiltApp } from '../src/app.ts';
import { loadConfig, type Config } from '../src/platform/config.ts';
import type { Database } from '../src/platform/db/database.ts';
import { openPglite } from '../src/platform/db/pglite.ts';
import { openPostgres } from '../src/platform/db/postgres.ts';
import { fixedClock, type Clock } from '../src/platform/clock.ts';
import type { Deliverer } from '../src/platform/delivery/deliverer.ts';
import type { OutboxPayload } from '../src/platform/outbox/tables.ts';
import { hashPassword } from '../src/platform/auth/password-hash.ts';

/** The test database of this file: a PGlite loaded from the run's migrated template, or the run's PostgreSQL database. */
export async function openTestDatabase(): Promise<Database> {
  const postgresUrl = inject('postgresUrl');
  if (postgresUrl) return openPostgres({ connectionString: postgresUrl, maxConnections: 5 });
  const template = await readFile(inject('pgliteTemplate'));
  return openPglite(undefined, { loadDataDir: new Blob([template]) });
}

export function testConfig(overrides: Partial<Config> = {}): Config {
  return {
    ...loadConfig({ NODE_ENV: 'test', LOG_LEVEL: 'silent', PUBLIC_URL: 'http://portico.test' }),
    ...overrides,
  };
}

/** A deliverer that remembers what it was asked to send. */
export function recordingDeliverer(): Deliverer & {
  sent: { message: OutboxPayload; practiceId: string | null }[];
} {
  const sent: { message: OutboxPayload; practiceId: string | null }[] = [];
  return {
    sent,
    deliver(message, practiceId) {
      sent.push({ message, practiceId });
      return Promise.resolve();
    },
  };
}

export const testPassword = 'quiet-meadow-violin-trusty-93';
let testPasswordHash: Promise<string> | undefined;

export interface TestApp extends BuiltApp {
  db: Database;
  clock: ReturnType<typeof fixedClock>;
  deliverer: ReturnType<typeof recordingDeliverer>;
  /** A new practice with one staff member per role requested; returns their session cookies. */
  newPractice(roles?: StaffRole[]): Promise<TestPractice>;
  close(): Promise<void>;
}

export interface TestPractice {
  practiceId: string;
  slug: string;
  staff: Record<StaffRole, { userId: string; email: string; cookie: string } | undefined>;
  /** The cookie header of the first role requested (admin by default). */
  cookie: string;
}

export async function createTestApp(
  options: { clock?: Clock; db?: Database; config?: Partial<Config> } = {},
): Promise<TestApp> {
  const db = options.db ?? (await openTestDatabase());
  const clock = fixedClock('2026-11-21T15:00:00.000Z');
  if (options.clock) clock.set(options.clock.now());
  const deliverer = recordingDeliverer();
  const built = await buildApp(
    { config: testConfig(options.config), db, clock, deliverer },
    { logger: false, webDist: null },
  );
  await built.fastify.ready();

  async function newPractice(roles: StaffRole[] = ['admin']): Promise<TestPractice> {
    testPasswordHash ??= hashPassword(testPassword);
    const passwordHash = await testPasswordHash;
    const slug = `p-${randomUUID().slice(0, 12)}`;
    const staff: TestPractice['staff'] = {
      admin: undefined,
      clinician: undefined,
      front_desk: undefined,
      billing: undefined,
    };
    const [first, ...rest] = roles;
    if (!first) throw new Error('newPractice needs at least one role');
    const adminEmail = `${first}-${slug}@example.com`;
    const { practiceId, adminUserId } = await built.context.services.practices.create({
      name: `Test Practice ${slug}`,
      slug,
      adminEmail,
      adminName: 'Test Admin',
      adminPasswordHash: passwordHash,
    });
    // The first member is created as admin; other roles are added explicitly.
    const members: { role: StaffRole; userId: string; email: string }[] = [
      { role: 'admin', userId: adminUserId, email: adminEmail },
    ];
    for (const role of first === 'admin' ? rest : [first, ...rest]) {
      const email = `${role}-${slug}@example.com`;
      const userId = await built.context.services.practices.addStaff(practiceId, {
        email,
        displayName: `Test ${role}`,
        role,
        passwordHash,
      });
      members.push({ role, userId, email });
    }
    for (const m of members) {
      const res = await built.fastify.inject({
        method: 'POST',
        url: '/api/practice/auth/sign-in',
        payload: { email: m.email, password: testPassword },
        remoteAddress: `10.${Math.floor(Math.random() * 250)}.${Math.floor(Math.random() * 250)}.${Math.floor(Math.random() * 250)}`,
      });
      if (res.statusCode !== 200)
        throw new Error(`test sign-in failed: ${res.statusCode} ${res.body}`);
      const setCookie = res.headers['set-cookie'];
      const raw = Array.isArray(setCookie) ? setCookie[0] : setCookie;
      staff[m.role] = { userId: m.userId, email: m.email, cookie: (raw ?? '').split(';')[0] ?? '' };
    }
    const cookie = staff[first]?.cookie ?? '';
    return { practiceId, slug, staff, cookie };
  }

  return {
    ...built,
    db,
    clock,
    deliverer,
    newPractice,
    async close() {
      await built.fastify.close();
      if (!options.db) await db.close();
    },
  };
}
