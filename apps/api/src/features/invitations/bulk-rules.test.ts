import { describe, expect, it } from 'vitest';
import { bulkCounts, bulkOutcomeOf, nextBatch, noSkips } from './bulk-rules.ts';

describe('bulk invitation outcomes', () => {
  it('a blocked patient is skipped for the reason it is blocked; a cooldown is its own reason', () => {
    expect(bulkOutcomeOf({ outcome: 'sent' })).toBe('sent');
    expect(bulkOutcomeOf({ outcome: 'blocked', reason: 'under_13' })).toBe('under_13');
    expect(bulkOutcomeOf({ outcome: 'cooldown' })).toBe('cooldown');
  });

  it('counts each recorded outcome once, by reason', () => {
    expect(
      bulkCounts([
        { outcome: 'sent', patients: 2 },
        { outcome: 'no_contact', patients: 1 },
        { outcome: 'cooldown', patients: 3 },
      ]),
    ).toEqual({
      processed: 6,
      sent: 2,
      skipped: { ...noSkips(), no_contact: 1, cooldown: 3 },
    });
    expect(bulkCounts([])).toEqual({ processed: 0, sent: 0, skipped: noSkips() });
  });
});

describe('the next batch', () => {
  it('takes patients without an outcome, in order, at most the step size, each once', () => {
    expect(nextBatch(['a', 'b', 'c', 'd', 'b'], new Set(['b']), 2)).toEqual(['a', 'c']);
    expect(nextBatch(['a', 'a', 'b'], new Set(), 5)).toEqual(['a', 'b']);
    expect(nextBatch(['a'], new Set(['a']), 5)).toEqual([]);
  });
});
