import { hash, verify } from '@node-rs/argon2';
import { newToken } from '../tokens.ts';
import { normalisePassword } from './password-policy.ts';

/** POLICY.md: Argon2id, 19 MiB, 2 iterations, parallelism 1. Hashing runs off the event loop. */
const argon2Options = {
  algorithm: 2 /* Argon2id */,
  memoryCost: 19_456,
  timeCost: 2,
  parallelism: 1,
} as const;

export function hashPassword(password: string): Promise<string> {
  return hash(normalisePassword(password), argon2Options);
}

export async function verifyPassword(passwordHash: string, password: string): Promise<boolean> {
  try {
    return await verify(passwordHash, normalisePassword(password));
  } catch {
    return false;
  }
}

export interface PasswordHasher {
  hash(password: string): Promise<string>;
  verify(passwordHash: string, password: string): Promise<boolean>;
  /** Verified when there is no account (or it may not be tried), so a miss costs the same time as a hit. */
  verifyAgainstDummy(password: string): Promise<false>;
}

/**
 * A hasher with its own dummy hash, computed on first use (no module-level state). The dummy is
 * the hash of a random secret, so no password ever matches it.
 */
export function createPasswordHasher(): PasswordHasher {
  let dummyHash: Promise<string> | undefined;
  return {
    hash: hashPassword,
    verify: verifyPassword,
    async verifyAgainstDummy(password) {
      dummyHash ??= hashPassword(newToken());
      await verifyPassword(await dummyHash, password);
      return false;
    },
  };
}
