import { describe, expect, it } from 'vitest';
import { createPasswordHasher, hashPassword } from './password-hash.ts';

describe('password hasher (POLICY.md: Argon2id 19 MiB, t=2, p=1)', () => {
  it('verifies the password it hashed and refuses another', async () => {
    const hasher = createPasswordHasher();
    const stored = await hasher.hash('quiet-meadow-violin-trusty-93');
    expect(stored).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$/);
    expect(await hasher.verify(stored, 'quiet-meadow-violin-trusty-93')).toBe(true);
    expect(await hasher.verify(stored, 'quiet-meadow-violin-trusty-94')).toBe(false);
  });

  it('verifies a hash made by hashPassword (seed and tests) the same way', async () => {
    const stored = await hashPassword('harbor-lantern-sunrise-47');
    expect(await createPasswordHasher().verify(stored, 'harbor-lantern-sunrise-47')).toBe(true);
  });

  it('treats a malformed stored hash as a wrong password', async () => {
    expect(await createPasswordHasher().verify('not-a-hash', 'anything-at-all-here')).toBe(false);
  });

  it('never accepts anything against the dummy hash, including the old fixed dummy text', async () => {
    const hasher = createPasswordHasher();
    expect(await hasher.verifyAgainstDummy('portico-dummy-password-for-timing')).toBe(false);
    expect(await hasher.verifyAgainstDummy('')).toBe(false);
  });
});
