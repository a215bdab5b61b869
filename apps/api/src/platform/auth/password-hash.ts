import { hash, verify } from '@node-rs/argon2';
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

/** Verified when an account does not exist, so a miss costs the same time as a hit. */
let dummyHash: Promise<string> | undefined;
export async function verifyAgainstDummy(password: string): Promise<false> {
  dummyHash ??= hashPassword('portico-dummy-password-for-timing');
  await verifyPassword(await dummyHash, password);
  return false;
}
