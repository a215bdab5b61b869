import { describe, expect, it } from 'vitest';
import { ApiError } from '../../ui/api-client.ts';
import { codeDigits, dateOfBirthFromParts, issueFor, passwordLength } from './form-rules.ts';

describe('dateOfBirthFromParts', () => {
  const today = '2026-11-21';
  it('builds YYYY-MM-DD from month, day and year, padding single digits', () => {
    expect(dateOfBirthFromParts({ month: '3', day: '7', year: '1985' }, today)).toEqual({
      ok: true,
      isoDate: '1985-03-07',
    });
    expect(dateOfBirthFromParts({ month: ' 12 ', day: '31', year: '1999' }, today)).toEqual({
      ok: true,
      isoDate: '1999-12-31',
    });
  });
  it('asks for the date when every part is empty', () => {
    expect(dateOfBirthFromParts({ month: '', day: ' ', year: '' }, today)).toEqual({
      ok: false,
      error: 'required',
    });
  });
  it('refuses dates that do not exist or are partly missing', () => {
    for (const parts of [
      { month: '2', day: '30', year: '1990' },
      { month: '2', day: '29', year: '1991' },
      { month: '13', day: '1', year: '1990' },
      { month: '0', day: '1', year: '1990' },
      { month: '1', day: '', year: '1990' },
      { month: '1', day: '1', year: '90' },
      { month: 'x', day: '1', year: '1990' },
      { month: '1', day: '1', year: '1800' },
    ]) {
      expect(dateOfBirthFromParts(parts, today)).toEqual({ ok: false, error: 'invalid' });
    }
  });
  it('accepts 29 February in a leap year', () => {
    expect(dateOfBirthFromParts({ month: '2', day: '29', year: '2000' }, today)).toEqual({
      ok: true,
      isoDate: '2000-02-29',
    });
  });
  it('refuses a date after today', () => {
    expect(dateOfBirthFromParts({ month: '11', day: '22', year: '2026' }, today)).toEqual({
      ok: false,
      error: 'future',
    });
    expect(dateOfBirthFromParts({ month: '11', day: '21', year: '2026' }, today)).toEqual({
      ok: true,
      isoDate: '2026-11-21',
    });
  });
});

describe('codeDigits', () => {
  it('keeps only the digits people type or paste', () => {
    expect(codeDigits(' 123 456 ')).toBe('123456');
    expect(codeDigits('123-456')).toBe('123456');
    expect(codeDigits('12a')).toBe('12');
  });
});

describe('passwordLength', () => {
  it('counts Unicode code points after NFKC, like the server', () => {
    expect(passwordLength('abc')).toBe(3);
    expect(passwordLength('😀😀')).toBe(2);
    expect(passwordLength('ﬁ')).toBe(2);
  });
});

describe('issueFor', () => {
  const error = new ApiError({
    status: 400,
    code: 'VALIDATION',
    message: 'Check the fields',
    issues: [
      { path: 'dateOfBirth', message: 'Does not match' },
      { path: 'body.email', message: 'Bad email' },
    ],
  });
  it('finds the message for a field, with or without a body prefix', () => {
    expect(issueFor(error, 'dateOfBirth')).toBe('Does not match');
    expect(issueFor(error, 'email')).toBe('Bad email');
    expect(issueFor(error, 'password')).toBeNull();
  });
  it('finds nothing in errors other than validation errors', () => {
    expect(issueFor(new Error('x'), 'email')).toBeNull();
    expect(
      issueFor(new ApiError({ status: 409, code: 'CONFLICT', message: 'x' }), 'email'),
    ).toBeNull();
  });
});
