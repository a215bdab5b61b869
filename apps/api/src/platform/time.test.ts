import { describe, expect, it } from 'vitest';
import { startOfDayInZone, todayIn } from './time.ts';

describe('todayIn', () => {
  it('is the calendar date in the practice time zone', () => {
    const now = new Date('2026-11-21T03:00:00Z');
    expect(todayIn('America/Los_Angeles', now)).toBe('2026-11-20');
    expect(todayIn('Europe/Berlin', now)).toBe('2026-11-21');
  });
});

describe('startOfDayInZone', () => {
  it('is local midnight in the practice time zone', () => {
    expect(startOfDayInZone('2026-11-21', 'America/New_York').toISOString()).toBe(
      '2026-11-21T05:00:00.000Z',
    );
    expect(startOfDayInZone('2026-07-04', 'America/New_York').toISOString()).toBe(
      '2026-07-04T04:00:00.000Z',
    );
    expect(startOfDayInZone('2026-11-21', 'Asia/Kolkata').toISOString()).toBe(
      '2026-11-20T18:30:00.000Z',
    );
    expect(startOfDayInZone('2026-11-21', 'UTC').toISOString()).toBe('2026-11-21T00:00:00.000Z');
  });

  it('handles the days clocks change', () => {
    // US spring forward (2026-03-08 at 02:00) and fall back (2026-11-01 at 02:00): midnight is still EST / EDT.
    expect(startOfDayInZone('2026-03-08', 'America/New_York').toISOString()).toBe(
      '2026-03-08T05:00:00.000Z',
    );
    expect(startOfDayInZone('2026-03-09', 'America/New_York').toISOString()).toBe(
      '2026-03-09T04:00:00.000Z',
    );
    expect(startOfDayInZone('2026-11-01', 'America/New_York').toISOString()).toBe(
      '2026-11-01T04:00:00.000Z',
    );
    expect(startOfDayInZone('2026-11-02', 'America/New_York').toISOString()).toBe(
      '2026-11-02T05:00:00.000Z',
    );
  });

  it('starts a day whose midnight does not exist at the first instant that does', () => {
    // Chile springs forward at local midnight: 2026-09-06 begins at 01:00 (UTC−3).
    expect(startOfDayInZone('2026-09-06', 'America/Santiago').toISOString()).toBe(
      '2026-09-06T04:00:00.000Z',
    );
  });

  it('refuses text that is not a date', () => {
    expect(() => startOfDayInZone('someday', 'UTC')).toThrow(RangeError);
  });
});
