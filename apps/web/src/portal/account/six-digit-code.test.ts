import { describe, expect, it } from 'vitest';
import { sixDigitCode } from './six-digit-code.ts';

describe('sixDigitCode', () => {
  it('accepts six digits, also with the spaces or dash apps and messages show', () => {
    expect(sixDigitCode('123456')).toBe('123456');
    expect(sixDigitCode(' 123 456 ')).toBe('123456');
    expect(sixDigitCode('123-456')).toBe('123456');
  });

  it('refuses anything else', () => {
    expect(sixDigitCode('')).toBeNull();
    expect(sixDigitCode('12345')).toBeNull();
    expect(sixDigitCode('1234567')).toBeNull();
    expect(sixDigitCode('12a456')).toBeNull();
  });
});
