import { z } from 'zod';
import { isoDate, pageOf, uuid } from './common.ts';
import { portalStatus } from './invitations.ts';
import { email } from './staff-auth.ts';

export const sexes = ['female', 'male', 'other', 'unknown'] as const;

const name = z.string().trim().min(1).max(100);
const optionalText = (max: number) =>
  z
    .string()
    .trim()
    .max(max)
    .transform((v) => (v === '' ? null : v))
    .nullable()
    .optional();

/** North American or international phone; stored as E.164-ish digits with a leading +. */
export const phone = z
  .string()
  .trim()
  .regex(/^\+?[0-9 ().-]{7,20}$/, 'Enter a phone number such as (555) 201-4433 or +1 555 201 4433');

export const patientInput = z.strictObject({
  firstName: name,
  lastName: name,
  preferredName: optionalText(100),
  dateOfBirth: isoDate,
  sex: z.enum(sexes).default('unknown'),
  email: email.nullable().optional(),
  phone: phone.nullable().optional(),
  mrn: optionalText(40),
  addressLine1: optionalText(200),
  addressLine2: optionalText(200),
  city: optionalText(100),
  region: optionalText(100),
  postalCode: optionalText(20),
  primaryProviderId: uuid.nullable().optional(),
  primaryLocationId: uuid.nullable().optional(),
});
export type PatientInput = z.input<typeof patientInput>;

export const patientStatus = z.enum(['active', 'end_dated']);

const patientFields = z.object({
  id: uuid,
  mrn: z.string(),
  firstName: z.string(),
  lastName: z.string(),
  preferredName: z.string().nullable(),
  dateOfBirth: z.string(),
  email: z.string().nullable(),
  phone: z.string().nullable(),
  status: patientStatus,
});

/** A row of the patient list: the record's fields and its portal status (invitations). */
export const patientSummary = patientFields.extend({ portalStatus });
export type PatientSummary = z.infer<typeof patientSummary>;

export const patientDetail = patientFields.extend({
  sex: z.enum(sexes),
  addressLine1: z.string().nullable(),
  addressLine2: z.string().nullable(),
  city: z.string().nullable(),
  region: z.string().nullable(),
  postalCode: z.string().nullable(),
  primaryProviderId: z.string().nullable(),
  primaryLocationId: z.string().nullable(),
  endDate: z.string().nullable(),
  endReason: z.string().nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
  version: z.number().int(),
});
export type PatientDetail = z.infer<typeof patientDetail>;

export const patientListQuery = z.strictObject({
  q: z.string().trim().max(100).optional(),
  status: z.enum(['active', 'end_dated', 'all']).default('active'),
  portalStatus: portalStatus.optional(),
  page: z.coerce.number().int().min(1).max(10_000).default(1),
  pageSize: z.coerce.number().int().min(1).max(100).default(25),
});
export const patientPage = pageOf(patientSummary);
export type PatientPage = z.infer<typeof patientPage>;

export const patientUpdate = patientInput.extend({ version: z.number().int().min(1) });

export const endDateRequest = z.strictObject({
  endDate: isoDate,
  reason: z.string().trim().min(1).max(500),
  version: z.number().int().min(1),
});
export const reactivateRequest = z.strictObject({ version: z.number().int().min(1) });
