import type { z } from 'zod';
import { patientInput, type sexes } from '@portico/contracts';

/** Pure decisions about patients: search classification, dates, phones, MRNs, status. No I/O, no clock. */

// ---------------------------------------------------------------- search

/** One way of reading a name query: lowercased prefixes (not yet LIKE-escaped) of last and/or first name. */
export interface NameMatch {
  last?: string;
  first?: string;
}

export type PatientSearch =
  | { kind: 'all' }
  | { kind: 'dob'; date: string }
  | { kind: 'email'; prefix: string }
  /** Phone (exact keys for a full number, else contains) or MRN containing the digits. */
  | { kind: 'digits'; digits: string; phoneKeys: string[] | null }
  | { kind: 'mrn'; prefix: string }
  | { kind: 'name'; alternatives: NameMatch[] };

const maxNameWords = 4;
const phoneLike = /^[+\d\s().-]+$/;

/** Decides what a search box entry means. The query may be PHI: callers must never log or audit it. */
export function classifyQuery(raw: string | undefined): PatientSearch {
  const q = (raw ?? '').trim();
  if (q === '') return { kind: 'all' };
  const date = parseDateInput(q);
  if (date) return { kind: 'dob', date };
  if (q.includes('@')) return { kind: 'email', prefix: q.toLowerCase() };
  const digits = phoneDigits(q);
  if (phoneLike.test(q) && digits.length >= 4)
    return { kind: 'digits', digits, phoneKeys: phoneSearchKeys(digits) };
  if (/\d/.test(q) && !/\s/.test(q)) return { kind: 'mrn', prefix: q.toLowerCase() };
  return { kind: 'name', alternatives: nameAlternatives(q.toLowerCase()) };
}

function words(text: string): string[] {
  return text.split(/\s+/).filter((w) => w !== '');
}

function nameAlternatives(q: string): NameMatch[] {
  const comma = q.indexOf(',');
  if (comma >= 0) {
    const last = words(q.slice(0, comma)).join(' ');
    const first = words(q.slice(comma + 1).replaceAll(',', ' ')).join(' ');
    const match: NameMatch = {};
    if (last) match.last = last;
    if (first) match.first = first;
    return [match];
  }
  const w = words(q).slice(0, maxNameWords);
  if (w.length === 1) return [{ last: w[0] }, { first: w[0] }];
  const alternatives: NameMatch[] = [];
  for (let split = 1; split < w.length; split++) {
    const head = w.slice(0, split).join(' ');
    const tail = w.slice(split).join(' ');
    alternatives.push({ first: head, last: tail }, { last: head, first: tail });
  }
  return alternatives;
}

// ---------------------------------------------------------------- dates

const isoPattern = /^(\d{4})-(\d{2})-(\d{2})$/;
const usPattern = /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/;

/** Accepts YYYY-MM-DD or MM/DD/YYYY; returns the ISO date, or null when it is not a real calendar date. */
export function parseDateInput(value: string): string | null {
  const text = value.trim();
  const iso = isoPattern.exec(text);
  const us = iso ? null : usPattern.exec(text);
  const [year, month, day] = iso ? [iso[1], iso[2], iso[3]] : us ? [us[3], us[1], us[2]] : [];
  if (!year || !month || !day) return null;
  const y = Number(year);
  const m = Number(month);
  const d = Number(day);
  const probe = new Date(Date.UTC(y, m - 1, d));
  if (probe.getUTCFullYear() !== y || probe.getUTCMonth() !== m - 1 || probe.getUTCDate() !== d)
    return null;
  return `${year}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
}

// ---------------------------------------------------------------- phones and MRNs

export function phoneDigits(phone: string): string {
  return phone.replace(/\D/g, '');
}

/** Exact `phone_digits` values a full number may be stored as (North American numbers with or without the 1). */
export function phoneSearchKeys(digits: string): string[] | null {
  if (digits.length === 10) return [digits, `1${digits}`];
  if (digits.length === 11 && digits.startsWith('1')) return [digits, digits.slice(1)];
  if (digits.length >= 11) return [digits];
  return null;
}

export function formatMrn(prefix: string, n: number): string {
  return `${prefix}${String(n).padStart(6, '0')}`;
}

// ---------------------------------------------------------------- validation

export type Sex = (typeof sexes)[number];

/** A validated, normalised patient ready to store: every field present, absent ones null. */
export interface NewPatient {
  firstName: string;
  lastName: string;
  preferredName: string | null;
  dateOfBirth: string;
  sex: Sex;
  email: string | null;
  phone: string | null;
  mrn: string | null;
  addressLine1: string | null;
  addressLine2: string | null;
  city: string | null;
  region: string | null;
  postalCode: string | null;
  primaryProviderId: string | null;
  primaryLocationId: string | null;
}

/** A problem with one field (camelCase patient field), or with the record as a whole (null). */
export interface PatientIssue {
  field: string | null;
  message: string;
}

export function toNewPatient(input: z.output<typeof patientInput>): NewPatient {
  return {
    firstName: input.firstName,
    lastName: input.lastName,
    preferredName: input.preferredName ?? null,
    dateOfBirth: input.dateOfBirth,
    sex: input.sex,
    email: input.email ?? null,
    phone: input.phone ?? null,
    mrn: input.mrn ?? null,
    addressLine1: input.addressLine1 ?? null,
    addressLine2: input.addressLine2 ?? null,
    city: input.city ?? null,
    region: input.region ?? null,
    postalCode: input.postalCode ?? null,
    primaryProviderId: input.primaryProviderId ?? null,
    primaryLocationId: input.primaryLocationId ?? null,
  };
}

/** The rules beyond the contract's shape, shared by the form, the API and the CSV import. */
export function patientRuleIssues(
  patient: Pick<NewPatient, 'dateOfBirth' | 'phone'>,
  today: string,
): PatientIssue[] {
  const issues: PatientIssue[] = [];
  if (patient.dateOfBirth > today)
    issues.push({ field: 'dateOfBirth', message: 'The date of birth cannot be in the future.' });
  if (patient.dateOfBirth < '1900-01-01')
    issues.push({ field: 'dateOfBirth', message: 'The date of birth cannot be before 1900.' });
  const phone = phoneIssue(patient.phone);
  if (phone) issues.push(phone);
  return issues;
}

function phoneIssue(phone: string | null): PatientIssue | null {
  if (phone === null) return null;
  const n = phoneDigits(phone).length;
  return n < 7 || n > 15
    ? { field: 'phone', message: 'A phone number needs 7 to 15 digits.' }
    : null;
}

const labels: Record<string, string> = {
  firstName: 'First name',
  lastName: 'Last name',
  dateOfBirth: 'Date of birth',
  preferredName: 'Preferred name',
  sex: 'Sex',
};

function friendlyMessage(issue: z.core.$ZodIssue, raw: Record<string, unknown>): PatientIssue {
  const field = typeof issue.path[0] === 'string' ? issue.path[0] : null;
  const label = (field && labels[field]) ?? 'This field';
  const value = field ? raw[field] : undefined;
  const blank =
    value === undefined || value === null || (typeof value === 'string' && value.trim() === '');
  if (issue.code === 'unrecognized_keys')
    return { field: null, message: `Unknown field: ${issue.keys.join(', ')}.` };
  if ((issue.code === 'too_small' || issue.code === 'invalid_type') && blank)
    return { field, message: `${label} is required.` };
  if (issue.code === 'too_big')
    return { field, message: `${label} must be at most ${String(issue.maximum)} characters.` };
  if (issue.code === 'invalid_format' && field === 'dateOfBirth')
    return { field, message: 'Enter the date of birth as YYYY-MM-DD.' };
  if (issue.code === 'invalid_format' && field === 'email')
    return { field, message: 'Enter a valid email address.' };
  if (issue.code === 'invalid_value' && field === 'sex')
    return { field, message: 'Sex must be female, male, other or unknown.' };
  return { field, message: issue.message };
}

/** Validates raw input with the contract and the rules above. */
export function validatePatient(
  raw: unknown,
  today: string,
): { ok: true; patient: NewPatient } | { ok: false; issues: PatientIssue[] } {
  const parsed = patientInput.safeParse(raw);
  if (!parsed.success) {
    const record = typeof raw === 'object' && raw !== null ? (raw as Record<string, unknown>) : {};
    const issues = parsed.error.issues.map((i) => friendlyMessage(i, record));
    // The phone's shape passed the contract but its digit count may not: report both at once.
    const phone =
      typeof record.phone === 'string' && !issues.some((i) => i.field === 'phone')
        ? phoneIssue(record.phone)
        : null;
    return { ok: false, issues: phone ? [...issues, phone] : issues };
  }
  const patient = toNewPatient(parsed.data);
  const issues = patientRuleIssues(patient, today);
  return issues.length > 0 ? { ok: false, issues } : { ok: true, patient };
}

// ---------------------------------------------------------------- status

export type PatientStatus = 'active' | 'end_dated';
export type StatusChange = 'end_date' | 'reactivate';

export function statusOf(endDate: string | null): PatientStatus {
  return endDate === null ? 'active' : 'end_dated';
}

/** Why a patient cannot be end-dated on `endDate`, or null when it can (ISO dates; `today` in the practice's zone). */
export function endDateProblem(endDate: string, today: string, dateOfBirth: string): string | null {
  if (endDate > today) return 'The end date cannot be in the future.';
  if (endDate < dateOfBirth) return 'The end date cannot be before the date of birth.';
  return null;
}

/** Why a status change is not allowed from the current status, or null when it is. */
export function statusChangeProblem(current: PatientStatus, change: StatusChange): string | null {
  switch (current) {
    case 'active':
      return change === 'end_date' ? null : 'This patient is already active.';
    case 'end_dated':
      return change === 'reactivate'
        ? null
        : 'This patient is already end-dated. Reactivate the record first to change its end date.';
  }
}
