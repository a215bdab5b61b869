import { describe, expect, it } from 'vitest';
import { AppError } from '../errors.ts';
import type { PasswordHasher } from './password-hash.ts';
import { passwordStep } from './password-step.ts';

const now = new Date('2026-11-21T15:00:00Z');
const clean = { failedSignIns: 0, lockedUntil: null, passwordDisabled: false };

function setup(account?: { passwordHash: string | null; lockedUntil?: Date | null }) {
  const calls: string[] = [];
  const hasher: PasswordHasher = {
    hash: () => Promise.resolve('unused'),
    verify: (_hash, password) => {
      calls.push('verify');
      return Promise.resolve(password === 'right');
    },
    verifyAgainstDummy: () => {
      calls.push('dummy');
      return Promise.resolve(false);
    },
  };
  const run = (password: string) =>
    passwordStep({
      hasher,
      account: account ? { id: 'a1', ...clean, ...account } : undefined,
      unknownFailures: clean,
      password,
      now,
      recordAccountFailure: (id) => {
        calls.push(`account-failure:${id}`);
        return Promise.resolve();
      },
      recordUnknownEmailFailure: () => {
        calls.push('unknown-failure');
        return Promise.resolve();
      },
    });
  return { calls, run };
}

const codeOf = async (p: Promise<unknown>) =>
  p.then(
    () => 'ok',
    (e: unknown) => (e instanceof AppError ? e.code : 'other'),
  );

describe('the password step', () => {
  it('returns the account for the right password, after one verification', async () => {
    const { calls, run } = setup({ passwordHash: 'h' });
    expect((await run('right')).account.id).toBe('a1');
    expect(calls).toEqual(['verify']);
  });

  it('answers a wrong password and an unknown email alike, each with one Argon2 run and one failure written', async () => {
    const known = setup({ passwordHash: 'h' });
    const unknown = setup();
    const noPassword = setup({ passwordHash: null });
    expect(await codeOf(known.run('wrong'))).toBe('UNAUTHENTICATED');
    expect(await codeOf(unknown.run('right'))).toBe('UNAUTHENTICATED');
    expect(await codeOf(noPassword.run('right'))).toBe('UNAUTHENTICATED');
    expect(known.calls).toEqual(['verify', 'account-failure:a1']);
    expect(unknown.calls).toEqual(['dummy', 'unknown-failure']);
    expect(noPassword.calls).toEqual(['dummy', 'unknown-failure']);
  });

  it('refuses a locked account before checking the password, still spending one Argon2 run', async () => {
    const { calls, run } = setup({
      passwordHash: 'h',
      lockedUntil: new Date(now.getTime() + 60_000),
    });
    expect(await codeOf(run('right'))).toBe('ACCOUNT_LOCKED');
    expect(calls).toEqual(['dummy']);
  });
});
