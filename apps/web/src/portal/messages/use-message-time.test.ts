import { describe, expect, it } from 'vitest';
import { dayAndTime, shortInstant, timeOfDay } from './use-message-time.ts';

const now = new Date('2026-11-22T15:00:00Z');

describe('shortInstant', () => {
  it('gives the time for today, the date before, and the year for another year', () => {
    expect(shortInstant('2026-11-22T10:42:00Z', now, 'en-US', 'UTC')).toBe('10:42 AM');
    expect(shortInstant('2026-11-03T10:42:00Z', now, 'en-US', 'UTC')).toBe('Nov 3');
    expect(shortInstant('2025-12-30T10:42:00Z', now, 'en-US', 'UTC')).toBe('Dec 30, 2025');
  });

  it('decides "today" in the given time zone', () => {
    // 02:00 UTC on the 22nd is still the 21st in Chicago.
    expect(shortInstant('2026-11-22T02:00:00Z', now, 'en-US', 'America/Chicago')).toBe('Nov 21');
  });

  it('returns what it was given when it is not a date', () => {
    expect(shortInstant('soon', now, 'en-US', 'UTC')).toBe('soon');
    expect(timeOfDay('2026-11-22T10:42:00Z', 'en-US', 'UTC')).toBe('10:42 AM');
  });
});

describe('dayAndTime', () => {
  it('gives the time alone today, and the date with the time before', () => {
    expect(dayAndTime('2026-11-22T10:42:00Z', now, 'en-US', 'UTC')).toBe('10:42 AM');
    expect(dayAndTime('2026-11-03T10:42:00Z', now, 'en-US', 'UTC')).toBe('Nov 3, 2026, 10:42 AM');
  });
});
