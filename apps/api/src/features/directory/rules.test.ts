import { describe, expect, it } from 'vitest';
import { canonicalTimeZone } from './rules.ts';

describe('canonicalTimeZone', () => {
  it('accepts IANA zone names, including UTC, in their canonical spelling', () => {
    expect(canonicalTimeZone('America/Chicago')).toBe('America/Chicago');
    expect(canonicalTimeZone('america/chicago')).toBe('America/Chicago');
    expect(canonicalTimeZone('UTC')).toBe('UTC');
  });

  it('refuses unknown names, offsets and abbreviations', () => {
    expect(canonicalTimeZone('Mars/Olympus_Mons')).toBeNull();
    expect(canonicalTimeZone('+05:00')).toBeNull();
    expect(canonicalTimeZone('')).toBeNull();
  });
});
