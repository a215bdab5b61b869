/** Calendar dates and day boundaries in IANA time zones. Pure: the instant is always passed in. */

/**
 * One formatter per time zone: building an Intl.DateTimeFormat costs more than using it, and the
 * portal session check asks for "today" on every request. A memo of immutable values.
 */
const dateFormats = new Map<string, Intl.DateTimeFormat>();
function dateFormatIn(timeZone: string): Intl.DateTimeFormat {
  let format = dateFormats.get(timeZone);
  if (!format) {
    format = new Intl.DateTimeFormat('en-US', {
      timeZone,
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
    });
    dateFormats.set(timeZone, format);
  }
  return format;
}

/** The calendar date (YYYY-MM-DD) at `now` in an IANA time zone. */
export function todayIn(timeZone: string, now: Date): string {
  const parts = dateFormatIn(timeZone).formatToParts(now);
  const part = (type: Intl.DateTimeFormatPartTypes) => parts.find((p) => p.type === type)?.value;
  return `${part('year') ?? ''}-${part('month') ?? ''}-${part('day') ?? ''}`;
}

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
    .filter((instant) => todayIn(timeZone, new Date(instant)) === isoDate)
    .sort((a, b) => a - b);
  // The candidate under the offset after a skipped midnight reads 01:00 that day: the first instant that exists.
  return new Date(candidates[0] ?? utcMidnight - offsetMs(utcMidnight, timeZone));
}
