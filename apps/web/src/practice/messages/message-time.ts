/** A message time, short: "10:42" today, "Nov 20, 10:42" this year, "Nov 20, 2025" before. */
export function formatMessageTime(
  iso: string,
  timeZone: string,
  locale: string,
  now: Date = new Date(),
): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  const day = (d: Date) =>
    new Intl.DateTimeFormat('en-CA', {
      timeZone,
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
    }).format(d);
  const year = (d: Date) =>
    new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric' }).format(d);
  if (day(date) === day(now))
    return new Intl.DateTimeFormat(locale, { timeZone, hour: 'numeric', minute: '2-digit' }).format(
      date,
    );
  if (year(date) === year(now))
    return new Intl.DateTimeFormat(locale, {
      timeZone,
      month: 'short',
      day: 'numeric',
      hour: 'numeric',
      minute: '2-digit',
    }).format(date);
  return new Intl.DateTimeFormat(locale, { timeZone, dateStyle: 'medium' }).format(date);
}
