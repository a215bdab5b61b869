import { readFile } from 'node:fs/promises';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
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
import { and, eq } from 'drizzle-orm';
import { mfaFactors, mfaRecoveryCodes } from '../src/features/mfa/tables.ts';
import { newTotpSecret, totpCodeAt, totpStepAt } from '../src/features/mfa/totp-rules.ts';
import { hashRecoveryCode, newRecoveryCodes } from '../src/features/mfa/recovery-code-rules.ts';

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
    // Each app of a test file stores attachments in its own throwaway directory.
    storageDir: mkdtempSync(path.join(tmpdir(), 'portico-files-')),
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

/** A random client address, so test sign-ins do not share the per-IP auth rate limit. */
function randomTestIp(): string {
  const n = () => Math.floor(Math.random() * 250);
  return `10.${n()}.${n()}.${n()}`;
}
let testPasswordHash: Promise<string> | undefined;

export interface TestApp extends BuiltApp {
  db: Database;
  clock: ReturnType<typeof fixedClock>;
  deliverer: ReturnType<typeof recordingDeliverer>;
  /**
   * A new practice with one staff member per role requested; returns their session cookies.
   * Staff MFA is mandatory: each member gets an authenticator app (straight in the database) and
   * each cookie has passed the second factor through the real endpoint.
   */
  newPractice(roles?: StaffRole[]): Promise<TestPractice>;
  /** A fresh, complete session (password + authenticator code) of a staff member made by newPractice. */
  signInStaff(email: string): Promise<string>;
  /** Passes the second factor of a staff session (cookie) with a generated authenticator code. */
  passStaffSecondFactor(cookie: string, staffUserId: string): Promise<void>;
  close(): Promise<void>;
}

export interface TestPractice {
  practiceId: string;
  slug: string;
  staff: Record<
    StaffRole,
    { userId: string; email: string; cookie: string; totpSecret: string } | undefined
  >;
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

  const totpSecrets = new Map<string, { userId: string; secret: string }>();

  /** A confirmed authenticator app for a staff user, written straight to the database. */
  async function enrollTotp(userId: string): Promise<string> {
    const secret = newTotpSecret();
    const now = clock.now();
    await db.system((tx) =>
      tx.insert(mfaFactors).values({
        subjectType: 'staff',
        subjectId: userId,
        kind: 'totp',
        label: 'Authenticator app',
        totpSecret: secret,
        confirmedAt: now,
        createdAt: now,
      }),
    );
    return secret;
  }

  /**
   * A code the authenticator app would show now and the server has not accepted yet (each code
   * is accepted once): this step's or the next one's; past both, a new recovery code.
   */
  async function secondFactorFor(
    staffUserId: string,
    secret: string,
  ): Promise<{ method: 'totp' | 'recovery_code'; code: string }> {
    const now = clock.now();
    const [factor] = await db.system((tx) =>
      tx
        .select({ lastStep: mfaFactors.totpLastStep })
        .from(mfaFactors)
        .where(
          and(
            eq(mfaFactors.subjectType, 'staff'),
            eq(mfaFactors.subjectId, staffUserId),
            eq(mfaFactors.kind, 'totp'),
          ),
        ),
    );
    const last = factor?.lastStep ?? -1;
    for (const step of [totpStepAt(now), totpStepAt(now) + 1]) {
      if (step > last) return { method: 'totp', code: totpCodeAt(secret, new Date(step * 30_000)) };
    }
    const [code] = newRecoveryCodes();
    if (!code) throw new Error('no recovery code');
    await db.system((tx) =>
      tx.insert(mfaRecoveryCodes).values({
        subjectType: 'staff',
        subjectId: staffUserId,
        codeHash: hashRecoveryCode(code),
        createdAt: now,
      }),
    );
    return { method: 'recovery_code', code };
  }

  async function passStaffSecondFactor(cookie: string, staffUserId: string): Promise<void> {
    const known = [...totpSecrets.values()].find((v) => v.userId === staffUserId);
    if (!known) throw new Error('passStaffSecondFactor: not a staff member made by newPractice');
    const res = await built.fastify.inject({
      method: 'POST',
      url: '/api/practice/auth/mfa/verify',
      headers: { cookie },
      payload: await secondFactorFor(staffUserId, known.secret),
      remoteAddress: randomTestIp(),
    });
    if (res.statusCode !== 200) {
      throw new Error(`test second factor failed: ${res.statusCode} ${res.body}`);
    }
  }

  async function signInStaff(email: string): Promise<string> {
    const known = totpSecrets.get(email.toLowerCase());
    if (!known) throw new Error(`signInStaff: ${email} was not made by newPractice`);
    const res = await built.fastify.inject({
      method: 'POST',
      url: '/api/practice/auth/sign-in',
      payload: { email, password: testPassword },
      remoteAddress: randomTestIp(),
    });
    if (res.statusCode !== 200)
      throw new Error(`test sign-in failed: ${res.statusCode} ${res.body}`);
    const setCookie = res.headers['set-cookie'];
    const raw = Array.isArray(setCookie) ? setCookie[0] : setCookie;
    const cookie = (raw ?? '').split(';')[0] ?? '';
    await passStaffSecondFactor(cookie, known.userId);
    return cookie;
  }

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
      const totpSecret = await enrollTotp(m.userId);
      totpSecrets.set(m.email.toLowerCase(), { userId: m.userId, secret: totpSecret });
      const cookie = await signInStaff(m.email);
      staff[m.role] = { userId: m.userId, email: m.email, cookie, totpSecret };
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
    signInStaff,
    passStaffSecondFactor,
    async close() {
      await built.fastify.close();
      if (!options.db) await db.close();
    },
  };
}
