import { randomUUID } from 'node:crypto';
import type { InjectOptions } from 'fastify';
import { testPassword, type TestApp, type TestPractice } from '../../../test/harness.ts';
import { hashPassword } from '../../platform/auth/password-hash.ts';
import { staffClient } from '../patients/test-support.ts';
import { createPatient, signIn as staffSignIn } from '../invitations/test-support.ts';
import { portalAccess, portalAccounts } from './tables.ts';

/** Test helpers of the portal-accounts slice (tests only). */

export interface RegisteredPatient {
  accountId: string;
  patientId: string;
  practiceId: string;
  email: string;
  password: string;
}

export interface RegisteredPatientOverrides {
  /** The account's email (unique across Portico); a fresh one by default. */
  email?: string;
  /** Defaults to the harness's `testPassword` (hashed once per process). */
  password?: string;
  /** A verified mobile number on the account (the SMS second factor sends there). */
  phone?: string | null;
  /** Fields of the patient record created through the patients API (`janeDoe` by default). */
  patient?: Record<string, unknown>;
  /** Give this existing account access to the new patient instead of creating an account. */
  accountId?: string;
}

let defaultHash: Promise<string> | undefined;
const freshCookies = new WeakMap<TestPractice, string>();

/** A staff client of the practice whose session is valid now (the clock may have moved on). */
async function staffOf(t: TestApp, practice: TestPractice) {
  const cookie = freshCookies.get(practice) ?? practice.cookie;
  const probe = await t.fastify.inject({
    method: 'GET',
    url: '/api/practice/auth/me',
    headers: { cookie },
  });
  if (probe.statusCode === 200) return staffClient(t, cookie);
  const member = Object.values(practice.staff).find((m) => m !== undefined);
  if (!member) throw new Error('the practice has no staff member');
  const fresh = await staffSignIn(t, member.email);
  freshCookies.set(practice, fresh);
  return staffClient(t, fresh);
}

/**
 * A patient with a registered portal account, written straight to the database: the patient is
 * created through the patients API (as the practice's first staff member), then the account and
 * its `self` portal_access row. With `accountId`, only the new patient and access row are added
 * (the same person at a second practice).
 */
export async function registeredPatient(
  t: TestApp,
  practice: TestPractice,
  overrides: RegisteredPatientOverrides = {},
): Promise<RegisteredPatient> {
  const email = overrides.email ?? `patient-${randomUUID().slice(0, 12)}@example.com`;
  const password = overrides.password ?? testPassword;
  const patient = await createPatient(await staffOf(t, practice), {
    email,
    ...overrides.patient,
  });
  const now = t.clock.now();
  const passwordHash =
    overrides.password === undefined
      ? await (defaultHash ??= hashPassword(testPassword))
      : await hashPassword(password);
  const accountId = await t.db.system(async (tx) => {
    let id = overrides.accountId;
    if (!id) {
      const [account] = await tx
        .insert(portalAccounts)
        .values({
          email,
          emailVerifiedAt: now,
          phone: overrides.phone ?? null,
          phoneVerifiedAt: overrides.phone ? now : null,
          passwordHash,
          termsAcceptedAt: now,
          createdAt: now,
        })
        .returning({ id: portalAccounts.id });
      if (!account) throw new Error('account insert returned nothing');
      id = account.id;
    }
    await tx.insert(portalAccess).values({
      practiceId: practice.practiceId,
      patientId: patient.id,
      accountId: id,
      relationship: 'self',
      createdAt: now,
    });
    return id;
  });
  return { accountId, patientId: patient.id, practiceId: practice.practiceId, email, password };
}

/** A random client address, so tests do not share the per-IP auth rate limit. */
export function randomIp(): string {
  const n = () => Math.floor(Math.random() * 250) + 1;
  return `10.${n()}.${n()}.${n()}`;
}

/** The `name=value` part of the first Set-Cookie header of a response ('' when none). */
export function cookieOf(res: { headers: Record<string, unknown> }): string {
  const setCookie = res.headers['set-cookie'];
  const raw = Array.isArray(setCookie) ? (setCookie[0] as string | undefined) : setCookie;
  return typeof raw === 'string' ? (raw.split(';')[0] ?? '') : '';
}

/**
 * Signs a patient in with a password and returns the cookie header value (`name=value`). Throws
 * unless the answer is a full sign-in (an account with a second factor answers `mfa_required`:
 * use `signInPatientResponse` then).
 */
export async function signInPatient(t: TestApp, email: string, password: string): Promise<string> {
  const res = await signInPatientResponse(t, email, password);
  if (res.statusCode !== 200 || res.json<{ status: string }>().status !== 'signed_in') {
    throw new Error(`portal sign-in failed: ${res.statusCode} ${res.body}`);
  }
  return cookieOf(res);
}

/** The raw sign-in response (for `mfa_required` and refusals). */
export function signInPatientResponse(
  t: TestApp,
  email: string,
  password: string,
  headers: Record<string, string> = {},
) {
  return t.fastify.inject({
    method: 'POST',
    url: '/api/portal/auth/sign-in',
    payload: { email, password },
    headers,
    remoteAddress: randomIp(),
  });
}

/** Route calls as one signed-in portal account (tests only). */
export function portalClient(t: TestApp, cookie: string, headers: Record<string, string> = {}) {
  const ip = randomIp();
  const send = (method: InjectOptions['method'], url: string, payload?: unknown) =>
    t.fastify.inject({
      method,
      url,
      headers: { cookie, ...headers },
      remoteAddress: ip,
      ...(payload === undefined ? {} : { payload: payload as InjectOptions['payload'] }),
    });
  return {
    get: (url: string) => send('GET', url),
    post: (url: string, payload?: unknown) => send('POST', url, payload ?? {}),
    put: (url: string, payload: unknown) => send('PUT', url, payload),
    delete: (url: string) => send('DELETE', url),
  };
}

/** The i-th distinct wrong password (tests only). */
export const wrongPassword = (i: number) => `wrong-password-${i}-abcdefgh`;
