import type { FieldIssue, PatientDetail, PatientInput } from '@portico/contracts';
import type { sexes } from '@portico/contracts';

/** Every form field as the text the user typed; converted to `PatientInput` on submit. */
export interface PatientFormValues {
  firstName: string;
  lastName: string;
  preferredName: string;
  dateOfBirth: string;
  sex: (typeof sexes)[number];
  email: string;
  phone: string;
  mrn: string;
  addressLine1: string;
  addressLine2: string;
  city: string;
  region: string;
  postalCode: string;
  primaryProviderId: string;
  primaryLocationId: string;
}

export type PatientField = keyof PatientFormValues;
export type FieldErrors = Partial<Record<PatientField, string>>;

export const emptyPatientValues: PatientFormValues = {
  firstName: '',
  lastName: '',
  preferredName: '',
  dateOfBirth: '',
  sex: 'unknown',
  email: '',
  phone: '',
  mrn: '',
  addressLine1: '',
  addressLine2: '',
  city: '',
  region: '',
  postalCode: '',
  primaryProviderId: '',
  primaryLocationId: '',
};

export function valuesFromPatient(p: PatientDetail): PatientFormValues {
  return {
    firstName: p.firstName,
    lastName: p.lastName,
    preferredName: p.preferredName ?? '',
    dateOfBirth: p.dateOfBirth,
    sex: p.sex,
    email: p.email ?? '',
    phone: p.phone ?? '',
    mrn: p.mrn,
    addressLine1: p.addressLine1 ?? '',
    addressLine2: p.addressLine2 ?? '',
    city: p.city ?? '',
    region: p.region ?? '',
    postalCode: p.postalCode ?? '',
    primaryProviderId: p.primaryProviderId ?? '',
    primaryLocationId: p.primaryLocationId ?? '',
  };
}

const orNull = (value: string): string | null => (value.trim() === '' ? null : value.trim());

export function inputFromValues(v: PatientFormValues): PatientInput {
  return {
    firstName: v.firstName.trim(),
    lastName: v.lastName.trim(),
    preferredName: orNull(v.preferredName),
    dateOfBirth: v.dateOfBirth,
    sex: v.sex,
    email: orNull(v.email),
    phone: orNull(v.phone),
    mrn: orNull(v.mrn),
    addressLine1: orNull(v.addressLine1),
    addressLine2: orNull(v.addressLine2),
    city: orNull(v.city),
    region: orNull(v.region),
    postalCode: orNull(v.postalCode),
    primaryProviderId: orNull(v.primaryProviderId),
    primaryLocationId: orNull(v.primaryLocationId),
  };
}

export const patientFields = Object.keys(emptyPatientValues) as PatientField[];

export const requiredPatientFields: PatientField[] = ['firstName', 'lastName', 'dateOfBirth'];

const fieldNames = new Set<string>(patientFields);
const isPatientField = (name: string): name is PatientField => fieldNames.has(name);

/** Maps API issues (`body.email`) to fields; the rest stay general. */
export function fieldErrorsFromIssues(issues: FieldIssue[]): {
  fields: FieldErrors;
  other: string[];
} {
  const fields: FieldErrors = {};
  const other: string[] = [];
  for (const issue of issues) {
    const name = issue.path.replace(/^body\./, '').split('.')[0] ?? '';
    if (isPatientField(name)) fields[name] ??= issue.message;
    else other.push(issue.message);
  }
  return { fields, other };
}
