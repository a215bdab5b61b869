import { describe, expect, it } from 'vitest';
import { checkPassword, describePasswordProblem } from './password-policy.ts';

describe('checkPassword (POLICY.md: ≥15 code points NFKC, ≤128, no common or contextual passwords)', () => {
  it('accepts a long passphrase of unrelated words', () => {
    expect(checkPassword('violet-tractor-pebble-sonnet')).toBeNull();
  });
  it('refuses 14 characters and accepts 15 when strong', () => {
    expect(checkPassword('kX9#mQ2$vL7@pR4')).toBeNull();
    expect(checkPassword('kX9#mQ2$vL7@pR')).toEqual({ code: 'too_short', minLength: 15 });
  });
  it('counts Unicode code points, not UTF-16 units', () => {
    // 14 emoji are 28 UTF-16 units but only 14 code points.
    expect(checkPassword('🌵'.repeat(14))?.code).toBe('too_short');
  });
  it('normalises NFKC before counting (full-width letters)', () => {
    expect(checkPassword('ｖｉｏｌｅｔ-ｔｒａｃｔｏｒ-ｐｅｂｂｌｅ')).toBeNull();
  });
  it('refuses more than 128 code points and never truncates', () => {
    expect(checkPassword('a'.repeat(129))).toEqual({ code: 'too_long', maxLength: 128 });
  });
  it('refuses common passwords even when long enough', () => {
    expect(checkPassword('passwordpassword')?.code).toBe('too_common');
    expect(checkPassword('123456789012345')?.code).toBe('too_common');
  });
  it("refuses a password built from the email's local part", () => {
    expect(
      checkPassword('maria.garcia-2026-summer!', { email: 'maria.garcia@example.com' }),
    ).toEqual({
      code: 'contains_context',
      what: 'email',
    });
  });
  it("refuses a password built from the practice's name", () => {
    expect(checkPassword('lakeside-physio-clinic-77', { practiceName: 'Lakeside Physio' })).toEqual(
      {
        code: 'contains_context',
        what: 'practice_name',
      },
    );
  });
  it('explains every problem in plain words', () => {
    expect(describePasswordProblem({ code: 'too_short', minLength: 15 })).toMatch(/15 characters/);
    expect(describePasswordProblem({ code: 'too_common', suggestion: null })).toMatch(/too common/);
  });
});
