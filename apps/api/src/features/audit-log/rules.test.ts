import { describe, expect, it } from 'vitest';
import { auditWindow } from './rules.ts';

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
