import { ApiError } from '../../ui/api-client.ts';

export interface DateParts {
  month: string;
  day: string;
  year: string;
}

export type DateOfBirthResult =
  { ok: true; isoDate: string } | { ok: false; error: 'required' | 'invalid' | 'future' };

const earliestYear = 1900;

/**
 * The date of birth typed as month, day and year (three labelled fields) as `YYYY-MM-DD`.
 * `today` is the patient's calendar date (`YYYY-MM-DD`).
 */
export function dateOfBirthFromParts(parts: DateParts, today: string): DateOfBirthResult {
  const month = parts.month.trim();
  const day = parts.day.trim();
  const year = parts.year.trim();
  if (month === '' && day === '' && year === '') return { ok: false, error: 'required' };
  if (!/^\d{1,2}$/.test(month) || !/^\d{1,2}$/.test(day) || !/^\d{4}$/.test(year)) {
    return { ok: false, error: 'invalid' };
  }
  const m = Number(month);
  const d = Number(day);
  const y = Number(year);
  const date = new Date(Date.UTC(y, m - 1, d));
  const real =
    y >= earliestYear &&
    date.getUTCFullYear() === y &&
    date.getUTCMonth() === m - 1 &&
    date.getUTCDate() === d;
  if (!real) return { ok: false, error: 'invalid' };
  const isoDate = `${year}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
  if (isoDate > today) return { ok: false, error: 'future' };
  return { ok: true, isoDate };
}

/** A verification code as typed or pasted ("123 456", "123-456"): its digits only. */
export function codeDigits(value: string): string {
  return value.replace(/\D/g, '');
}

/** Password length as the server counts it (code points after NFKC). */
export function passwordLength(password: string): number {
  return Array.from(password.normalize('NFKC')).length;
}

/** The server's message for one field of a VALIDATION error (issue paths may carry a prefix). */
export function issueFor(error: unknown, field: string): string | null {
  if (!(error instanceof ApiError) || error.code !== 'VALIDATION') return null;
  const issue = error.issues.find((i) => i.path === field || i.path.endsWith(`.${field}`));
  return issue?.message ?? null;
}
