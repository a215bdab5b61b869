import { describe, expect, it } from 'vitest';
import { maskPhone } from './phone-mask.ts';

describe('maskPhone', () => {
  it('keeps only the last two digits, whatever the formatting', () => {
    expect(maskPhone('+15555550123')).toBe('••• ••• ••23');
    expect(maskPhone('(555) 201-4447')).toBe('••• ••• ••47');
    expect(maskPhone('+1 555 201 4433')).not.toContain('555');
  });

  it('shows no digit of a number too short to be real, and passes null through', () => {
    expect(maskPhone('12')).toBe('••');
    expect(maskPhone(null)).toBeNull();
  });
});
