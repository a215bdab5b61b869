import { describe, expect, it } from 'vitest';
import { validatePatient, type NewPatient } from '../patients/rules.ts';
import {
  detectDelimiter,
  importFinishedEmail,
  mapHeaders,
  markFileDuplicates,
  mergeRowErrors,
  nextImportStatus,
  parseSex,
  rowCandidate,
  type CheckedRow,
} from './rules.ts';

describe('mapHeaders', () => {
  it('matches headers case- and punctuation-insensitively, with aliases', () => {
    const m = mapHeaders([
      'First Name',
      'SURNAME',
      'D.O.B.',
      'Mobile',
      'Zip',
      'State',
      'Chart Number',
      'e-mail',
    ]);
    expect(m.fields).toEqual([
      'first_name',
      'last_name',
      'date_of_birth',
      'phone',
      'postal_code',
      'region',
      'mrn',
      'email',
    ]);
    expect(m.missing).toEqual([]);
    expect(m.ignoredColumns).toEqual([]);
  });

  it.each([
    ['firstname', 'first_name'],
    ['given_name', 'first_name'],
    ['Date of Birth', 'date_of_birth'],
    ['birth_date', 'date_of_birth'],
    ['DOB', 'date_of_birth'],
    ['Phone Number', 'phone'],
    ['postcode', 'postal_code'],
    ['MRN', 'mrn'],
    ['patient id', 'mrn'],
    ['Address Line 1', 'address_line1'],
    ['address2', 'address_line2'],
    ['Gender', 'sex'],
    ['Nickname', 'preferred_name'],
  ])('reads %s as %s', (header, column) => {
    expect(mapHeaders([header]).fields).toEqual([column]);
  });

  it('ignores unknown and repeated columns, and lists the required ones missing', () => {
    const m = mapHeaders(['First Name', 'Insurance', 'first_name', '']);
    expect(m.fields).toEqual(['first_name', null, null, null]);
    expect(m.columns).toEqual(['first_name']);
    expect(m.ignoredColumns).toEqual(['Insurance', 'first_name', '(column 4)']);
    expect(m.missing).toEqual(['last_name', 'date_of_birth']);
  });
});

describe('detectDelimiter', () => {
  it('picks the separator used in the header line', () => {
    expect(detectDelimiter('first,last,dob')).toBe(',');
    expect(detectDelimiter('first;last;dob')).toBe(';');
    expect(detectDelimiter('first\tlast\tdob')).toBe('\t');
    expect(detectDelimiter('"a;b",c,d')).toBe(',');
  });
});

describe('parseSex', () => {
  it('reads common codes', () => {
    expect(parseSex('F')).toBe('female');
    expect(parseSex('Male')).toBe('male');
    expect(parseSex('x')).toBe('other');
    expect(parseSex('U')).toBe('unknown');
    expect(parseSex('maybe')).toBeNull();
  });
});

const mapping = mapHeaders(['First Name', 'Last Name', 'DOB', 'Sex', 'Email', 'Phone', 'MRN']);

describe('rowCandidate', () => {
  it('maps values to patient fields, converting US dates and sex codes, dropping blanks', () => {
    const { candidate, errors } = rowCandidate(
      [' Jane ', 'Doe', '04/12/1980', 'F', '', '555-201-4433', ''],
      mapping,
    );
    expect(errors).toEqual([]);
    expect(candidate).toEqual({
      firstName: 'Jane',
      lastName: 'Doe',
      dateOfBirth: '1980-04-12',
      sex: 'female',
      phone: '555-201-4433',
    });
  });

  it('reports dates in another format and unknown sex codes against their column', () => {
    const { errors } = rowCandidate(['Jane', 'Doe', '12.04.1980', 'maybe'], mapping);
    expect(errors).toEqual([
      { field: 'date_of_birth', message: 'Enter the date of birth as YYYY-MM-DD or MM/DD/YYYY.' },
      { field: 'sex', message: 'Sex must be female, male, other or unknown (or F, M, O, U).' },
    ]);
  });
});

describe('row validation (the CSV mapping plus the patient rules)', () => {
  const today = '2026-11-21';
  const validate = (values: string[]) => {
    const { candidate, errors } = rowCandidate(values, mapping);
    const result = validatePatient(candidate, today);
    return mergeRowErrors(errors, result.ok ? [] : result.issues);
  };

  it('accepts a complete row', () => {
    expect(validate(['Jane', 'Doe', '1980-04-12', '', 'jane@example.com', '', 'A1'])).toEqual([]);
  });

  it('names each problem once, by column', () => {
    expect(validate(['', 'Doe', '31/12/1980', '', 'not-an-email'])).toEqual([
      { field: 'date_of_birth', message: 'Enter the date of birth as YYYY-MM-DD or MM/DD/YYYY.' },
      { field: 'first_name', message: 'First name is required.' },
      { field: 'email', message: 'Enter a valid email address.' },
    ]);
    expect(validate(['Jane', 'Doe', '2030-01-01'])).toEqual([
      { field: 'date_of_birth', message: 'The date of birth cannot be in the future.' },
    ]);
  });
});

describe('markFileDuplicates', () => {
  const patient = (over: Partial<NewPatient>): NewPatient => ({
    firstName: 'Jane',
    lastName: 'Doe',
    preferredName: null,
    dateOfBirth: '1980-04-12',
    sex: 'unknown',
    email: null,
    phone: null,
    mrn: null,
    addressLine1: null,
    addressLine2: null,
    city: null,
    region: null,
    postalCode: null,
    primaryProviderId: null,
    primaryLocationId: null,
    ...over,
  });

  it('refuses later rows repeating an MRN or the same name and date of birth', () => {
    const rows: CheckedRow[] = [
      { row: 2, patient: patient({ mrn: 'A1' }), errors: [] },
      { row: 3, patient: patient({ firstName: 'June', mrn: 'A1' }), errors: [] },
      { row: 4, patient: patient({ firstName: 'JANE ', lastName: 'doe' }), errors: [] },
      { row: 5, patient: patient({ firstName: 'Jim' }), errors: [] },
    ];
    markFileDuplicates(rows);
    expect(rows.map((r) => [r.row, r.patient === null, r.errors])).toEqual([
      [2, false, []],
      [3, true, [{ field: 'mrn', message: 'Same MRN as row 2.' }]],
      [4, true, [{ field: null, message: 'Duplicate of row 2 (same name and date of birth).' }]],
      [5, false, []],
    ]);
  });
});

describe('nextImportStatus', () => {
  it('moves previewed → importing → completed, and cancels only unfinished imports', () => {
    expect(nextImportStatus('previewed', 'commit')).toBe('importing');
    expect(nextImportStatus('importing', 'complete')).toBe('completed');
    expect(nextImportStatus('previewed', 'cancel')).toBe('cancelled');
    expect(nextImportStatus('importing', 'cancel')).toBe('cancelled');
    expect(nextImportStatus('importing', 'commit')).toBeNull();
    expect(nextImportStatus('completed', 'cancel')).toBeNull();
    expect(nextImportStatus('cancelled', 'commit')).toBeNull();
    expect(nextImportStatus('previewed', 'complete')).toBeNull();
  });
});

describe('importFinishedEmail', () => {
  it('gives counts in plain words and the link, nothing else', () => {
    const email = importFinishedEmail({
      importedRows: 1,
      skippedRows: 2,
      link: 'https://x/practice/import?import=1',
    });
    expect(email.subject).toBe('Your patient import has finished');
    expect(email.text).toContain('1 patient was added');
    expect(email.text).toContain('2 rows were skipped');
    expect(email.text).toContain('https://x/practice/import?import=1');
  });
  it('says when nothing was skipped', () => {
    expect(importFinishedEmail({ importedRows: 40, skippedRows: 0, link: 'l' }).text).toContain(
      'No rows were skipped.',
    );
  });
});
