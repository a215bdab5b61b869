import { describe, expect, it } from 'vitest';
import { auditWindow, likePrefixPattern, startOfDayInZone } from './rules.ts';

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
});

describe('auditWindow', () => {
  it('makes both dates inclusive: from local midnight to the next local midnight', () => {
    expect(auditWindow({ from: '2026-11-01', to: '2026-11-01' }, 'America/New_York')).toEqual({
      ok: true,
      fromInclusive: new Date('2026-11-01T04:00:00.000Z'),
      // 2026-11-01 is 25 hours long in New York.
      toExclusive: new Date('2026-11-02T05:00:00.000Z'),
    });
  });

  it('leaves an open side open', () => {
    expect(auditWindow({}, 'UTC')).toEqual({ ok: true, fromInclusive: null, toExclusive: null });
    expect(auditWindow({ to: '2026-12-31' }, 'UTC')).toEqual({
      ok: true,
      fromInclusive: null,
      toExclusive: new Date('2027-01-01T00:00:00.000Z'),
    });
  });

  it('refuses a range that ends before it starts', () => {
    expect(auditWindow({ from: '2026-11-02', to: '2026-11-01' }, 'UTC')).toEqual({
      ok: false,
      reason: 'from_after_to',
    });
  });
});

describe('likePrefixPattern', () => {
  it('matches the prefix literally', () => {
    expect(likePrefixPattern('patient.')).toBe('patient.%');
    expect(likePrefixPattern('50%_off\\')).toBe('50\\%\\_off\\\\%');
  });
});
