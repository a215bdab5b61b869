import { startOfDayInZone } from '../../platform/time.ts';

/** Pure decisions of the audit-log search: date ranges in the practice's time zone. */

function nextDate(isoDate: string): string {
  const [y, m, d] = isoDate.split('-').map(Number);
  return new Date(Date.UTC(y ?? NaN, (m ?? NaN) - 1, (d ?? NaN) + 1)).toISOString().slice(0, 10);
}

export type AuditWindow =
  | { ok: true; fromInclusive: Date | null; toExclusive: Date | null }
  | { ok: false; reason: 'from_after_to' };

/** `from` and `to` are calendar dates in the practice's zone, both inclusive. */
export function auditWindow(
  range: { from?: string | undefined; to?: string | undefined },
  timeZone: string,
): AuditWindow {
  if (range.from && range.to && range.from > range.to)
    return { ok: false, reason: 'from_after_to' };
  return {
    ok: true,
    fromInclusive: range.from ? startOfDayInZone(range.from, timeZone) : null,
    toExclusive: range.to ? startOfDayInZone(nextDate(range.to), timeZone) : null,
  };
}
