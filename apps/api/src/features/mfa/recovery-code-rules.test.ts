import { describe, expect, it } from 'vitest';
import {
  hashRecoveryCode,
  looksLikeRecoveryCode,
  newRecoveryCodes,
  normalizeRecoveryCode,
  recoveryCodeCount,
} from './recovery-code-rules.ts';

describe('recovery codes', () => {
  it('makes 10 distinct codes of 10 base32 characters in two groups', () => {
    const codes = newRecoveryCodes();
    expect(recoveryCodeCount).toBe(10);
    expect(codes).toHaveLength(10);
    expect(new Set(codes).size).toBe(10);
    for (const code of codes) expect(code).toMatch(/^[a-z2-7]{5}-[a-z2-7]{5}$/);
  });

  it('is random: two sets share no code', () => {
    const a = new Set(newRecoveryCodes());
    expect(newRecoveryCodes().some((c) => a.has(c))).toBe(false);
  });

  it('compares without regard to case, dashes or spaces', () => {
    expect(normalizeRecoveryCode('ABCDE-FGH23')).toBe('abcdefgh23');
    expect(normalizeRecoveryCode(' abcde fgh23 ')).toBe('abcdefgh23');
    expect(hashRecoveryCode('ABCDE-FGH23')).toBe(hashRecoveryCode('abcdefgh23'));
  });

  it('stores a SHA-256 hash, never the code', () => {
    const hash = hashRecoveryCode('abcde-fgh23');
    expect(hash).toMatch(/^[0-9a-f]{64}$/);
    expect(hash).not.toContain('abcde');
    expect(hashRecoveryCode('abcde-fgh24')).not.toBe(hash);
  });

  it('tells a recovery code from something else', () => {
    expect(looksLikeRecoveryCode('abcde-fgh23')).toBe(true);
    expect(looksLikeRecoveryCode('ABCDEFGH23')).toBe(true);
    expect(looksLikeRecoveryCode('123456')).toBe(false);
    expect(looksLikeRecoveryCode('abcde-fgh2')).toBe(false);
    expect(looksLikeRecoveryCode('abcde-fgh1!')).toBe(false);
  });
});
