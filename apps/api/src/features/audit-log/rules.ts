/** Pure decisions of the audit-log search: date ranges in the practice's time zone, prefix patterns. */

/** The offset of `timeZone` from UTC at `instant`, in milliseconds (positive east of Greenwich). */
function offsetMs(instant: number, timeZone: string): number {
  const parts = new Intl.DateTimeFormat('en-US', {
    timeZone,
    hourCycle: 'h23',
    year: 'numeric',
    month: 'numeric',
    day: 'numeric',
    hour: 'numeric',
    minute: 'numeric',
    second: 'numeric',
  }).formatToParts(new Date(instant));
  const get = (type: Intl.DateTimeFormatPartTypes) =>
    Number(parts.find((p) => p.type === type)?.value);
  const local = Date.UTC(
    get('year'),
    get('month') - 1,
    get('day'),
    get('hour'),
    get('minute'),
    get('second'),
  );
  return local - Math.floor(instant / 1000) * 1000;
}

function localDate(instant: number, timeZone: string): string {
  return new Intl.DateTimeFormat('en-CA', {
    timeZone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  }).format(new Date(instant));
}

/**
 * The first instant of a calendar day (YYYY-MM-DD) in an IANA time zone. Usually local midnight;
 * where the clocks skip midnight, the first instant that exists.
 */
export function startOfDayInZone(isoDate: string, timeZone: string): Date {
  const [y, m, d] = isoDate.split('-').map(Number);
  const utcMidnight = Date.UTC(y ?? NaN, (m ?? NaN) - 1, d ?? NaN);
  if (Number.isNaN(utcMidnight)) throw new RangeError(`Not a date: ${isoDate}`);
  // Every offset in force within a day either side; the earliest candidate that falls on that date wins.
  const hourMs = 3_600_000;
  const offsets = new Set([-24, 0, 24].map((h) => offsetMs(utcMidnight + h * hourMs, timeZone)));
  const candidates = [...offsets]
    .map((offset) => utcMidnight - offset)
    .filter((instant) => localDate(instant, timeZone) === isoDate)
    .sort((a, b) => a - b);
  // The candidate under the offset after a skipped midnight reads 01:00 that day: the first instant that exists.
  return new Date(candidates[0] ?? utcMidnight - offsetMs(utcMidnight, timeZone));
}

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

/** A LIKE pattern matching values that start with `prefix`, its wildcards taken literally. */
export function likePrefixPattern(prefix: string): string {
  return `${prefix.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}
