import type { PatientDetail, PatientSummary } from '@portico/contracts';
import { phoneDigits, statusOf, type NewPatient } from './rules.ts';
import type { patients } from './tables.ts';

export type PatientRow = typeof patients.$inferSelect;
export type PatientSummaryRow = Pick<
  PatientRow,
  | 'id'
  | 'mrn'
  | 'firstName'
  | 'lastName'
  | 'preferredName'
  | 'dateOfBirth'
  | 'email'
  | 'phone'
  | 'endDate'
>;

export function toSummary(row: PatientSummaryRow): PatientSummary {
  return {
    id: row.id,
    mrn: row.mrn,
    firstName: row.firstName,
    lastName: row.lastName,
    preferredName: row.preferredName,
    dateOfBirth: row.dateOfBirth,
    email: row.email,
    phone: row.phone,
    status: statusOf(row.endDate),
  };
}

export function toDetail(row: PatientRow): PatientDetail {
  return {
    ...toSummary(row),
    sex: row.sex,
    addressLine1: row.addressLine1,
    addressLine2: row.addressLine2,
    city: row.city,
    region: row.region,
    postalCode: row.postalCode,
    primaryProviderId: row.primaryProviderId,
    primaryLocationId: row.primaryLocationId,
    endDate: row.endDate,
    endReason: row.endReason,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
    version: row.version,
  };
}

/** The stored columns of a validated patient (the MRN is decided by the caller). */
export function patientColumns(patient: NewPatient, mrn: string) {
  return {
    ...patient,
    mrn,
    phoneDigits: patient.phone === null ? null : phoneDigits(patient.phone),
  };
}

/** Names of the fields whose stored value differs (for the audit trail: names only, never values). */
export function changedFields(before: PatientRow, after: NewPatient & { mrn: string }): string[] {
  return (Object.keys(after) as (keyof NewPatient)[]).filter((key) => before[key] !== after[key]);
}
