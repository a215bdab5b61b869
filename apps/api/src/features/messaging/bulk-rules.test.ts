import { describe, expect, it } from 'vitest';
import {
  addOutcomes,
  bulkOutcomeFor,
  chunkAt,
  noBulkSkips,
  skippedList,
  uniqueIds,
} from './bulk-rules.ts';

describe('bulk message outcomes', () => {
  it('skips an unknown patient, then an end-dated one, then one without a portal account', () => {
    expect(bulkOutcomeFor(undefined)).toBe('not_found');
    expect(bulkOutcomeFor({ endDate: '2026-11-01', registered: true })).toBe('end_dated');
    expect(bulkOutcomeFor({ endDate: '2026-11-01', registered: false })).toBe('end_dated');
    expect(bulkOutcomeFor({ endDate: null, registered: false })).toBe('not_registered');
    expect(bulkOutcomeFor({ endDate: null, registered: true })).toBe('send');
  });

  it('adds a chunk of outcomes to the counters without changing the old ones', () => {
    const before = { sent: 1, skipped: { ...noBulkSkips(), not_found: 1 } };
    const after = addOutcomes(before, ['send', 'send', 'end_dated', 'not_found']);
    expect(after).toEqual({ sent: 3, skipped: { ...noBulkSkips(), not_found: 2, end_dated: 1 } });
    expect(before.sent).toBe(1);
  });

  it('lists the skip reasons in a fixed order, unknown stored keys ignored, missing ones as 0', () => {
    expect(skippedList({ end_dated: 2, bogus: 9 })).toEqual([
      { reason: 'not_registered', count: 0 },
      { reason: 'end_dated', count: 2 },
      { reason: 'not_found', count: 0 },
    ]);
  });
});

describe('patients of a run', () => {
  it('keeps each id once, first occurrence first', () => {
    expect(uniqueIds(['a', 'b', 'a', 'c', 'b'])).toEqual(['a', 'b', 'c']);
  });

  it('takes the next chunk from the position', () => {
    const ids = ['a', 'b', 'c', 'd', 'e'];
    expect(chunkAt(ids, 0, 2)).toEqual(['a', 'b']);
    expect(chunkAt(ids, 4, 2)).toEqual(['e']);
    expect(chunkAt(ids, 5, 2)).toEqual([]);
  });
});
