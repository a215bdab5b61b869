import { createHmac } from 'node:crypto';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Page } from 'playwright-core';

/**
 * Staff MFA is mandatory. The journeys sign staff in through the browser form, then pass the
 * second factor as an authenticator app would: the first sign-in of a staff member sets one up
 * (`/api/practice/mfa/totp`), later ones give a code (`/api/practice/auth/mfa/verify`). The
 * secret is kept in a temp file per demo practice (its id is new in every run) and staff member, because each
 * test file is its own module and the server outlives them.
 */

interface Answer {
  status: number;
  body: unknown;
}
export type Send = (method: 'GET' | 'POST', url: string, body?: unknown) => Promise<Answer>;

interface Kept {
  secret: string;
  lastStep: number;
  recoveryCodes: string[];
}

const stepSeconds = 30;

/** One file per demo practice and staff member: concurrent runs (each its own practice) never share one. */
const stateFile = (key: string) =>
  path.join(os.tmpdir(), `portico-e2e-staff-mfa-${key.replace(/[^A-Za-z0-9-]/g, '_')}.json`);

function readKept(key: string): Kept | undefined {
  try {
    return JSON.parse(readFileSync(stateFile(key), 'utf8')) as Kept;
  } catch {
    return undefined;
  }
}

function keep(key: string, kept: Kept): void {
  writeFileSync(stateFile(key), JSON.stringify(kept));
}

function base32Bytes(secret: string): Buffer {
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
  let bits = '';
  for (const c of secret.replace(/=+$/, '').toUpperCase()) {
    bits += alphabet.indexOf(c).toString(2).padStart(5, '0');
  }
  const bytes: number[] = [];
  for (let i = 0; i + 8 <= bits.length; i += 8) bytes.push(parseInt(bits.slice(i, i + 8), 2));
  return Buffer.from(bytes);
}

/** RFC 6238 (SHA-1, 6 digits, 30 s): the code an authenticator app shows for `step`. */
export function totpCode(secret: string, step: number): string {
  const counter = Buffer.alloc(8);
  counter.writeBigUInt64BE(BigInt(step));
  const mac = createHmac('sha1', base32Bytes(secret)).update(counter).digest();
  const offset = (mac[mac.length - 1] ?? 0) & 0xf;
  const value = mac.readUInt32BE(offset) & 0x7fffffff;
  return String(value % 1_000_000).padStart(6, '0');
}

const currentStep = () => Math.floor(Date.now() / 1000 / stepSeconds);

function expectStatus(answer: Answer, status: number, what: string): void {
  if (answer.status !== status) {
    throw new Error(`${what}: ${answer.status} ${JSON.stringify(answer.body)}`);
  }
}

/**
 * Passes the second factor of the signed-in staff session that `send` speaks for: sets up an
 * authenticator app when the staff member has none, else gives a code not used before (each
 * code is accepted once: this step's, the next one's, or a recovery code).
 */
export async function completeStaffSecondFactor(send: Send): Promise<void> {
  const me = await send('GET', '/api/practice/auth/me');
  expectStatus(me, 200, 'staff me');
  const { user, practice } = me.body as { user: { email: string }; practice: { id: string } };
  // Journeys run in parallel and may sign the same person in at once: one at a time, so two
  // never both enroll, or both spend the same code (each is accepted once).
  return withLock(`${practice.id}:${user.email}`, () => passSecondFactor(send));
}

async function withLock<T>(key: string, fn: () => Promise<T>): Promise<T> {
  const dir = `${stateFile(key)}.lock`;
  const deadline = Date.now() + 60_000;
  for (;;) {
    try {
      mkdirSync(dir);
      break;
    } catch {
      if (Date.now() > deadline) throw new Error(`timed out waiting for ${dir}`);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }
  try {
    return await fn();
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

async function passSecondFactor(send: Send): Promise<void> {
  const me = await send('GET', '/api/practice/auth/me');
  expectStatus(me, 200, 'staff me');
  const { user, practice, session } = me.body as {
    user: { email: string };
    practice: { id: string };
    session: { secondFactorSatisfied: boolean };
  };
  if (session.secondFactorSatisfied) return;
  const key = `${practice.id}:${user.email}`;
  const status = await send('GET', '/api/practice/mfa');
  if (status.status === 200) {
    const start = await send('POST', '/api/practice/mfa/totp', {});
    expectStatus(start, 200, 'start authenticator app');
    const { factorId, secret } = start.body as { factorId: string; secret: string };
    const step = currentStep();
    const confirm = await send('POST', '/api/practice/mfa/totp/confirm', {
      factorId,
      code: totpCode(secret, step),
    });
    expectStatus(confirm, 200, 'confirm authenticator app');
    keep(key, {
      secret,
      lastStep: step,
      recoveryCodes: (confirm.body as { codes: string[] }).codes,
    });
    return;
  }
  const kept = readKept(key);
  if (!kept) throw new Error(`no authenticator app kept for ${key}`);
  const now = currentStep();
  const step = [now, now + 1].find((s) => s > kept.lastStep);
  const [recoveryCode, ...rest] = kept.recoveryCodes;
  const body =
    step !== undefined
      ? { method: 'totp', code: totpCode(kept.secret, step) }
      : { method: 'recovery_code', code: recoveryCode };
  const verify = await send('POST', '/api/practice/auth/mfa/verify', body);
  expectStatus(verify, 200, 'second factor');
  keep(key, step !== undefined ? { ...kept, lastStep: step } : { ...kept, recoveryCodes: rest });
}

/** `send` for a browser page: the page's own cookies, as its app would call the API. */
export function pageSender(page: Page): Send {
  const origin = new URL(page.url()).origin;
  return async (method, url, body) => {
    const res = await page.request.fetch(`${origin}${url}`, {
      method,
      ...(body === undefined ? {} : { data: body }),
    });
    const text = await res.text();
    return { status: res.status(), body: text ? (JSON.parse(text) as unknown) : null };
  };
}

/** `send` for a plain HTTP client holding a staff session cookie. */
export function cookieSender(baseUrl: string, cookie: string): Send {
  return async (method, url, body) => {
    const res = await fetch(`${baseUrl}${url}`, {
      method,
      headers: { cookie, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    const text = await res.text();
    return { status: res.status, body: text ? (JSON.parse(text) as unknown) : null };
  };
}

/**
 * Signs a staff member in through the console's sign-in form, passes the mandatory second
 * factor, and opens the console (`/practice`) as a signed-in session.
 */
export async function signInToConsole(
  page: Page,
  credentials: { email: string; password: string },
): Promise<void> {
  await page.getByLabel('Email').fill(credentials.email);
  await page.getByLabel('Password').fill(credentials.password);
  const signedIn = page.waitForResponse(
    (r) => r.url().endsWith('/api/practice/auth/sign-in') && r.request().method() === 'POST',
  );
  await page.getByRole('button', { name: 'Sign in' }).click();
  const res = await signedIn;
  if (res.status() !== 200) throw new Error(`console sign-in: ${res.status()} ${await res.text()}`);
  await completeStaffSecondFactor(pageSender(page));
  // Open the console again now that the session is complete (the page may still show the
  // second-factor screen it loaded meanwhile).
  await page.goto(new URL('/practice', page.url()).toString());
}
