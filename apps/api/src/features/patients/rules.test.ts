import { describe, expect, it } from 'vitest';
import {
  classifyQuery,
  endDateProblem,
  formatMrn,
  parseDateInput,
  patientRuleIssues,
  phoneDigits,
  phoneSearchKeys,
  statusChangeProblem,
  statusOf,
  validatePatient,
} from './rules.ts';

function alternativesOf(q: string) {
  const search = classifyQuery(q);
  return search.kind === 'name' ? search.alternatives : [];
}

describe('classifyQuery', () => {
  it('treats an empty or blank query as "all"', () => {
    expect(classifyQuery(undefined)).toEqual({ kind: 'all' });
    expect(classifyQuery('   ')).toEqual({ kind: 'all' });
  });

  it('reads ISO and US dates as a date of birth', () => {
    expect(classifyQuery('1980-04-12')).toEqual({ kind: 'dob', date: '1980-04-12' });
    expect(classifyQuery('04/12/1980')).toEqual({ kind: 'dob', date: '1980-04-12' });
    expect(classifyQuery('4/2/1980')).toEqual({ kind: 'dob', date: '1980-04-02' });
  });

  it('does not read an impossible date as a date of birth', () => {
    expect(classifyQuery('02/30/1980').kind).not.toBe('dob');
  });

  it('reads anything with @ as an email prefix, lowercased', () => {
    expect(classifyQuery('Jane.Doe@Exa')).toEqual({ kind: 'email', prefix: 'jane.doe@exa' });
  });

  it('reads mostly-digit queries with phone punctuation as phone or MRN', () => {
    expect(classifyQuery('(555) 201-4433')).toEqual({
      kind: 'digits',
      digits: '5552014433',
      phoneKeys: ['5552014433', '15552014433'],
    });
    expect(classifyQuery('+1 555 201 4433')).toEqual({
      kind: 'digits',
      digits: '15552014433',
      phoneKeys: ['15552014433', '5552014433'],
    });
    expect(classifyQuery('4433')).toEqual({ kind: 'digits', digits: '4433', phoneKeys: null });
  });

  it('does not treat fewer than 4 digits as a phone number', () => {
    expect(classifyQuery('123').kind).toBe('mrn');
  });

  it('reads letters mixed with digits as an MRN prefix', () => {
    expect(classifyQuery('P000123')).toEqual({ kind: 'mrn', prefix: 'p000123' });
    expect(classifyQuery('p00')).toEqual({ kind: 'mrn', prefix: 'p00' });
  });

  it('reads one word as a prefix of last, first or preferred name', () => {
    expect(classifyQuery('Smi')).toEqual({
      kind: 'name',
      alternatives: [{ last: 'smi' }, { first: 'smi' }],
    });
  });

  it('reads "Last, First"', () => {
    expect(classifyQuery('Smith, Jo')).toEqual({
      kind: 'name',
      alternatives: [{ last: 'smith', first: 'jo' }],
    });
    expect(classifyQuery('De La Cruz, Maria')).toEqual({
      kind: 'name',
      alternatives: [{ last: 'de la cruz', first: 'maria' }],
    });
    expect(classifyQuery('Smith,')).toEqual({ kind: 'name', alternatives: [{ last: 'smith' }] });
  });

  it('reads "First Last" in either order, at every split point', () => {
    expect(classifyQuery('Jo  Smith')).toEqual({
      kind: 'name',
      alternatives: [
        { first: 'jo', last: 'smith' },
        { last: 'jo', first: 'smith' },
      ],
    });
    expect(alternativesOf('maria de la')).toHaveLength(4);
  });

  it('keeps apostrophes and hyphens in names', () => {
    expect(classifyQuery("O'Brien-Smith")).toEqual({
      kind: 'name',
      alternatives: [{ last: "o'brien-smith" }, { first: "o'brien-smith" }],
    });
  });

  it('keeps at most four name words', () => {
    expect(alternativesOf('a b c d e f')).toHaveLength(6);
  });
});

describe('parseDateInput', () => {
  it('accepts YYYY-MM-DD and MM/DD/YYYY and checks the calendar', () => {
    expect(parseDateInput('1980-04-12')).toBe('1980-04-12');
    expect(parseDateInput('12/31/1999')).toBe('1999-12-31');
    expect(parseDateInput('2/29/2024')).toBe('2024-02-29');
    expect(parseDateInput('2/29/2023')).toBeNull();
    expect(parseDateInput('13/01/2000')).toBeNull();
    expect(parseDateInput('1980-4-12')).toBeNull();
    expect(parseDateInput('12.04.1980')).toBeNull();
  });
});

describe('phones', () => {
  it('keeps digits only', () => {
    expect(phoneDigits('+1 (555) 201-4433')).toBe('15552014433');
  });

  it('matches a North American number with or without its country code', () => {
    expect(phoneSearchKeys('5552014433')).toEqual(['5552014433', '15552014433']);
    expect(phoneSearchKeys('15552014433')).toEqual(['15552014433', '5552014433']);
    expect(phoneSearchKeys('442071234567')).toEqual(['442071234567']);
    expect(phoneSearchKeys('201443')).toBeNull();
  });
});

describe('formatMrn', () => {
  it('pads the counter to six digits after the practice prefix', () => {
    expect(formatMrn('P', 123)).toBe('P000123');
    expect(formatMrn('PT-', 1_234_567)).toBe('PT-1234567');
  });
});

const valid = {
  firstName: ' Jane ',
  lastName: 'Doe',
  dateOfBirth: '1980-04-12',
  email: ' Jane@Example.COM ',
  phone: ' (555) 201-4433 ',
};

describe('validatePatient', () => {
  const today = '2026-11-21';

  it('normalises a valid patient: trimmed, email lowercased, absent fields null', () => {
    const result = validatePatient(valid, today);
    expect(result).toEqual({
      ok: true,
      patient: expect.objectContaining({
        firstName: 'Jane',
        email: 'jane@example.com',
        phone: '(555) 201-4433',
        mrn: null,
        sex: 'unknown',
        preferredName: null,
        primaryProviderId: null,
      }) as unknown,
    });
  });

  it('says plainly what is missing or wrong', () => {
    const result = validatePatient(
      { lastName: '', dateOfBirth: '1980-13-01', email: 'nope', phone: '((((((((' },
      today,
    );
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.issues).toEqual([
      { field: 'firstName', message: 'First name is required.' },
      { field: 'lastName', message: 'Last name is required.' },
      { field: 'dateOfBirth', message: 'Enter the date of birth as YYYY-MM-DD.' },
      { field: 'email', message: 'Enter a valid email address.' },
      { field: 'phone', message: 'A phone number needs 7 to 15 digits.' },
    ]);
  });

  it('refuses unknown fields', () => {
    const result = validatePatient({ ...valid, ssn: '123' }, today);
    expect(result).toEqual({
      ok: false,
      issues: [{ field: null, message: 'Unknown field: ssn.' }],
    });
  });
});

describe('patientRuleIssues', () => {
  const today = '2026-11-21';
  it('refuses a date of birth in the future or before 1900', () => {
    expect(patientRuleIssues({ dateOfBirth: '2026-11-21', phone: null }, today)).toEqual([]);
    expect(patientRuleIssues({ dateOfBirth: '2026-11-22', phone: null }, today)).toEqual([
      { field: 'dateOfBirth', message: 'The date of birth cannot be in the future.' },
    ]);
    expect(patientRuleIssues({ dateOfBirth: '1899-12-31', phone: null }, today)).toEqual([
      { field: 'dateOfBirth', message: 'The date of birth cannot be before 1900.' },
    ]);
  });
});

describe('status', () => {
  it('is active without an end date', () => {
    expect(statusOf(null)).toBe('active');
    expect(statusOf('2026-01-01')).toBe('end_dated');
  });

  it('allows end-dating an active patient and reactivating an end-dated one, nothing else', () => {
    expect(statusChangeProblem('active', 'end_date')).toBeNull();
    expect(statusChangeProblem('end_dated', 'reactivate')).toBeNull();
    expect(statusChangeProblem('end_dated', 'end_date')).toMatch(/already end-dated/);
    expect(statusChangeProblem('active', 'reactivate')).toMatch(/already active/);
  });
});

describe('endDateProblem', () => {
  const today = '2026-11-21';
  const born = '1980-04-12';

  it('accepts today, a past date, and the date of birth itself', () => {
    expect(endDateProblem(today, today, born)).toBeNull();
    expect(endDateProblem('2024-02-29', today, born)).toBeNull();
    expect(endDateProblem(born, today, born)).toBeNull();
  });

  it('refuses a date in the future', () => {
    expect(endDateProblem('2026-11-22', today, born)).toBe('The end date cannot be in the future.');
  });

  it('refuses a date before the patient was born', () => {
    expect(endDateProblem('1980-04-11', today, born)).toBe(
      'The end date cannot be before the date of birth.',
    );
  });
});
