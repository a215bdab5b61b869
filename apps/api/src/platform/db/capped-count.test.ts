import { describe, expect, it } from 'vitest';
import { capTotal, totalShownByPage } from './capped-count.ts';

describe('capTotal', () => {
  it('shows a count up to the cap exactly', () => {
    expect(capTotal(0, 10)).toEqual({ total: 0, totalIsLowerBound: false });
    expect(capTotal(10, 10)).toEqual({ total: 10, totalIsLowerBound: false });
  });

  it('shows a count past the cap as the cap, marked a lower bound', () => {
    expect(capTotal(11, 10)).toEqual({ total: 10, totalIsLowerBound: true });
    expect(capTotal(25_000, 10_000)).toEqual({ total: 10_000, totalIsLowerBound: true });
  });
});

describe('totalShownByPage', () => {
  it('reads the total off a short page: everything before it plus its rows', () => {
    expect(totalShownByPage({ offset: 0, pageSize: 25, rowsReturned: 7 })).toBe(7);
    expect(totalShownByPage({ offset: 50, pageSize: 25, rowsReturned: 3 })).toBe(53);
  });

  it('knows an empty first page means nothing matched', () => {
    expect(totalShownByPage({ offset: 0, pageSize: 25, rowsReturned: 0 })).toBe(0);
  });

  it('cannot tell from a full page: more rows may follow', () => {
    expect(totalShownByPage({ offset: 0, pageSize: 25, rowsReturned: 25 })).toBeNull();
  });

  it('cannot tell from an empty page past the end', () => {
    expect(totalShownByPage({ offset: 75, pageSize: 25, rowsReturned: 0 })).toBeNull();
  });
});
