import { randomUUID } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { createTestApp, type TestApp } from '../../../test/harness.ts';
import { portalAccounts } from './tables.ts';
import { randomIp, registeredPatient, type RegisteredPatient } from './test-support.ts';

/**
 * POLICY.md enumeration: sign-in and forgot-password take the same time whether or not the email
 * has an account. Medians of alternating calls (so drift hits both sides alike), ±50 ms.
 */

let t: TestApp;
let known: RegisteredPatient;
beforeAll(async () => {
  t = await createTestApp();
  known = await registeredPatient(t, await t.newPractice(['admin']));
});
afterAll(async () => t.close());

const rounds = 30;
const toleranceMs = 50;

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? (sorted[mid] ?? 0) : ((sorted[mid - 1] ?? 0) + (sorted[mid] ?? 0)) / 2;
}

async function timed(url: string, payload: Record<string, string>, status: number) {
  const start = performance.now();
  const res = await t.fastify.inject({ method: 'POST', url, payload, remoteAddress: randomIp() });
  const ms = performance.now() - start;
  expect(res.statusCode).toBe(status);
  return ms;
}

async function compare(
  call: (email: string) => Promise<number>,
  between: () => Promise<void>,
): Promise<{ knownMs: number; unknownMs: number }> {
  // Warm-up: the dummy hash, prepared statements, the JIT.
  await call(known.email);
  await call(`nobody-${randomUUID()}@example.com`);
  const knownTimes: number[] = [];
  const unknownTimes: number[] = [];
  for (let i = 0; i < rounds; i++) {
    await between();
    const unknown = `nobody-${randomUUID()}@example.com`;
    if (i % 2 === 0) {
      knownTimes.push(await call(known.email));
      unknownTimes.push(await call(unknown));
    } else {
      unknownTimes.push(await call(unknown));
      knownTimes.push(await call(known.email));
    }
  }
  return { knownMs: median(knownTimes), unknownMs: median(unknownTimes) };
}

describe('enumeration timing', () => {
  it('sign-in with a wrong password takes as long for a known email as for an unknown one', async () => {
    const { knownMs, unknownMs } = await compare(
      (email) =>
        timed('/api/portal/auth/sign-in', { email, password: 'wrong-password-abcdefgh' }, 401),
      // Keeps the known account below the lockout (unknown emails are fresh each round).
      async () => {
        await t.db.system((tx) =>
          tx
            .update(portalAccounts)
            .set({ failedSignIns: 0, lockedUntil: null })
            .where(eq(portalAccounts.id, known.accountId)),
        );
      },
    );
    expect(Math.abs(knownMs - unknownMs)).toBeLessThan(toleranceMs);
  });

  it('forgot-password takes as long for a known email as for an unknown one', async () => {
    const { knownMs, unknownMs } = await compare(
      (email) => timed('/api/portal/auth/forgot-password', { email }, 202),
      () => Promise.resolve(),
    );
    expect(Math.abs(knownMs - unknownMs)).toBeLessThan(toleranceMs);
  });
});
