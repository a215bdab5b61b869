import { useCallback } from 'react';
import { useTranslation } from 'react-i18next';

/**
 * When a message was sent, short: the time today ("10:42 AM"), else the date ("Nov 3", with the
 * year when not this year). In the device's time zone and the interface language.
 */
export function shortInstant(iso: string, now: Date, locale: string, timeZone?: string): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  const day = (d: Date) =>
    new Intl.DateTimeFormat('en-CA', {
      timeZone,
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
    }).format(d);
  if (day(date) === day(now)) {
    return new Intl.DateTimeFormat(locale, { timeZone, hour: 'numeric', minute: '2-digit' }).format(
      date,
    );
  }
  const sameYear = day(date).slice(0, 4) === day(now).slice(0, 4);
  return new Intl.DateTimeFormat(locale, {
    timeZone,
    month: 'short',
    day: 'numeric',
    ...(sameYear ? {} : { year: 'numeric' }),
  }).format(date);
}

/** The time of day only ("10:42 AM"): read receipts next to a message whose date is shown. */
export function timeOfDay(iso: string, locale: string, timeZone?: string): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  return new Intl.DateTimeFormat(locale, { timeZone, hour: 'numeric', minute: '2-digit' }).format(
    date,
  );
}

/** Date and time ("Nov 3, 10:42 AM"), the time alone today: when a message was sent or read. */
export function dayAndTime(iso: string, now: Date, locale: string, timeZone?: string): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  const today = shortInstant(iso, now, locale, timeZone) === timeOfDay(iso, locale, timeZone);
  if (today) return timeOfDay(iso, locale, timeZone);
  return new Intl.DateTimeFormat(locale, {
    timeZone,
    dateStyle: 'medium',
    timeStyle: 'short',
  }).format(date);
}

export function useMessageTime() {
  const { i18n } = useTranslation();
  const locale = i18n.language;
  return {
    short: useCallback((iso: string) => shortInstant(iso, new Date(), locale), [locale]),
    time: useCallback((iso: string) => timeOfDay(iso, locale), [locale]),
    dayAndTime: useCallback((iso: string) => dayAndTime(iso, new Date(), locale), [locale]),
  };
}
