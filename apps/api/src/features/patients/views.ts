import type { PatientDetail, PatientSummary, PortalStatus } from '@portico/contracts';
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

type PatientFields = Omit<PatientSummary, 'portalStatus'>;

function toFields(row: PatientSummaryRow): PatientFields {
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
    ...toFields(row),
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

/** A row of the patient list, with the portal status the invitations slice gives it. */
export function toSummary(row: PatientSummaryRow, portalStatus: PortalStatus): PatientSummary {
  return { ...toFields(row), portalStatus };
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
