import { importColumns, type ImportStatus } from '@portico/contracts';
import { parseDateInput, type NewPatient, type PatientIssue, type Sex } from '../patients/rules.ts';

/** Pure decisions of the CSV import: header mapping, row mapping, duplicates in a file, status. */

export type ImportColumn = (typeof importColumns)[number];

export const requiredColumns: readonly ImportColumn[] = [
  'first_name',
  'last_name',
  'date_of_birth',
];

/** Header spellings (after `normaliseHeader`) understood for each column, besides its own name. */
const aliases: Record<ImportColumn, string[]> = {
  first_name: ['first', 'firstname', 'givenname', 'fname', 'forename', 'patientfirstname'],
  last_name: ['last', 'lastname', 'surname', 'familyname', 'lname', 'patientlastname'],
  preferred_name: ['preferredname', 'preferred', 'nickname', 'goesby'],
  date_of_birth: ['dateofbirth', 'dob', 'birthdate', 'birthday', 'patientdob'],
  sex: ['sex', 'gender', 'birthsex', 'sexatbirth'],
  email: ['email', 'emailaddress', 'mail'],
  phone: [
    'phone',
    'phonenumber',
    'mobile',
    'mobilephone',
    'mobilenumber',
    'cell',
    'cellphone',
    'telephone',
    'homephone',
    'primaryphone',
  ],
  mrn: [
    'mrn',
    'chartnumber',
    'chartno',
    'chart',
    'patientid',
    'medicalrecordnumber',
    'recordnumber',
  ],
  address_line1: ['addressline1', 'address1', 'address', 'street', 'streetaddress'],
  address_line2: ['addressline2', 'address2', 'apt', 'suite', 'unit'],
  city: ['city', 'town'],
  region: ['region', 'state', 'province', 'stateprovince'],
  postal_code: ['postalcode', 'zip', 'zipcode', 'postcode', 'postal'],
};

/** "First Name", "first_name" and "FIRSTNAME" all read as "firstname". */
export function normaliseHeader(header: string): string {
  return header
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[^a-z0-9]/g, '');
}

const columnByAlias = new Map<string, ImportColumn>(
  importColumns.flatMap((column) =>
    [normaliseHeader(column), ...aliases[column]].map((alias) => [alias, column] as const),
  ),
);

export interface HeaderMapping {
  /** The column each position of a record feeds, or null when ignored. */
  fields: (ImportColumn | null)[];
  /** Recognised columns, in file order. */
  columns: ImportColumn[];
  /** Headers not understood (or repeated), as written in the file. */
  ignoredColumns: string[];
  missing: ImportColumn[];
}

export function mapHeaders(headers: string[]): HeaderMapping {
  const columns: ImportColumn[] = [];
  const ignoredColumns: string[] = [];
  const fields = headers.map((header, i) => {
    const column = columnByAlias.get(normaliseHeader(header));
    if (!column || columns.includes(column)) {
      ignoredColumns.push(header.trim() === '' ? `(column ${i + 1})` : header.trim());
      return null;
    }
    columns.push(column);
    return column;
  });
  return {
    fields,
    columns,
    ignoredColumns,
    missing: requiredColumns.filter((c) => !columns.includes(c)),
  };
}

/** The separator of the header line: comma unless semicolons or tabs clearly dominate (outside quotes). */
export function detectDelimiter(headerLine: string): ',' | ';' | '\t' {
  const unquoted = headerLine.replace(/"[^"]*"/g, '');
  const count = (c: string) => unquoted.split(c).length - 1;
  const counts = [',', ';', '\t'].map((c) => [c, count(c)] as const);
  const [best] = counts.toSorted((a, b) => b[1] - a[1]);
  return best && best[1] > count(',') ? (best[0] as ';' | '\t') : ',';
}

const sexCodes: Record<string, Sex> = {
  f: 'female',
  female: 'female',
  w: 'female',
  woman: 'female',
  m: 'male',
  male: 'male',
  man: 'male',
  o: 'other',
  other: 'other',
  x: 'other',
  nonbinary: 'other',
  u: 'unknown',
  unknown: 'unknown',
  unk: 'unknown',
};

export function parseSex(value: string): Sex | null {
  return sexCodes[normaliseHeader(value)] ?? null;
}

/** Patient field fed by each import column. */
export const fieldOfColumn = {
  first_name: 'firstName',
  last_name: 'lastName',
  preferred_name: 'preferredName',
  date_of_birth: 'dateOfBirth',
  sex: 'sex',
  email: 'email',
  phone: 'phone',
  mrn: 'mrn',
  address_line1: 'addressLine1',
  address_line2: 'addressLine2',
  city: 'city',
  region: 'region',
  postal_code: 'postalCode',
} as const satisfies Record<ImportColumn, keyof NewPatient>;

const columnOfField = new Map<string, ImportColumn>(
  importColumns.map((c) => [fieldOfColumn[c], c]),
);

export interface RowError {
  field: ImportColumn | null;
  message: string;
}

/** One CSV record as patient input (blank cells left out), plus the problems only a CSV can have. */
export function rowCandidate(
  values: string[],
  mapping: HeaderMapping,
): { candidate: Record<string, string>; errors: RowError[] } {
  const candidate: Record<string, string> = {};
  const errors: RowError[] = [];
  mapping.fields.forEach((column, i) => {
    const value = values[i]?.trim() ?? '';
    if (!column || value === '') return;
    if (column === 'date_of_birth') {
      const date = parseDateInput(value);
      if (date) candidate.dateOfBirth = date;
      else
        errors.push({
          field: column,
          message: 'Enter the date of birth as YYYY-MM-DD or MM/DD/YYYY.',
        });
    } else if (column === 'sex') {
      const sex = parseSex(value);
      if (sex) candidate.sex = sex;
      else
        errors.push({
          field: column,
          message: 'Sex must be female, male, other or unknown (or F, M, O, U).',
        });
    } else {
      candidate[fieldOfColumn[column]] = value;
    }
  });
  return { candidate, errors };
}

/** The CSV problems first, then the patient rules' issues for fields not already reported. */
export function mergeRowErrors(csvErrors: RowError[], issues: PatientIssue[]): RowError[] {
  const reported = new Set(csvErrors.map((e) => e.field));
  const more = issues
    .map((issue) => ({
      field: issue.field === null ? null : (columnOfField.get(issue.field) ?? null),
      message: issue.message,
    }))
    .filter((e) => e.field === null || !reported.has(e.field));
  return [...csvErrors, ...more];
}

export interface CheckedRow {
  row: number;
  /** Null once the row is refused. */
  patient: NewPatient | null;
  errors: RowError[];
}

/** Refuses (in place) a valid row repeating an earlier row's MRN, or its name and date of birth. */
export function markFileDuplicates(rows: CheckedRow[]): void {
  const byMrn = new Map<string, number>();
  const byPerson = new Map<string, number>();
  for (const r of rows) {
    if (!r.patient) continue;
    const person = [r.patient.firstName, r.patient.lastName, r.patient.dateOfBirth]
      .map((s) => s.trim().toLowerCase())
      .join('\u0000');
    const sameMrn = r.patient.mrn === null ? undefined : byMrn.get(r.patient.mrn);
    const samePerson = byPerson.get(person);
    if (sameMrn !== undefined)
      r.errors.push({ field: 'mrn', message: `Same MRN as row ${sameMrn}.` });
    else if (samePerson !== undefined)
      r.errors.push({
        field: null,
        message: `Duplicate of row ${samePerson} (same name and date of birth).`,
      });
    else {
      if (r.patient.mrn !== null) byMrn.set(r.patient.mrn, r.row);
      byPerson.set(person, r.row);
      continue;
    }
    r.patient = null;
  }
}

export type ImportEvent = 'commit' | 'cancel' | 'complete' | 'fail';

/** The status after an event, or null when the event is not allowed from the current status. */
export function nextImportStatus(current: ImportStatus, event: ImportEvent): ImportStatus | null {
  switch (current) {
    case 'previewed':
      return event === 'commit' ? 'importing' : event === 'cancel' ? 'cancelled' : null;
    case 'importing':
      return event === 'complete'
        ? 'completed'
        : event === 'cancel'
          ? 'cancelled'
          : event === 'fail'
            ? 'failed'
            : null;
    case 'completed':
    case 'failed':
    case 'cancelled':
      return null;
  }
}

/**
 * The email telling the staff member who started an import that it finished. Counts and a link
 * only: no file name, no patient data.
 */
export function importFinishedEmail(facts: {
  importedRows: number;
  skippedRows: number;
  link: string;
}): {
  subject: string;
  text: string;
} {
  const skipped =
    facts.skippedRows === 0
      ? 'No rows were skipped.'
      : `${facts.skippedRows} ${facts.skippedRows === 1 ? 'row was' : 'rows were'} skipped; the import page lists why.`;
  return {
    subject: 'Your patient import has finished',
    text: [
      `Your patient import has finished: ${facts.importedRows} ${facts.importedRows === 1 ? 'patient was' : 'patients were'} added.`,
      skipped,
      '',
      `See the summary: ${facts.link}`,
    ].join('\n'),
  };
}
