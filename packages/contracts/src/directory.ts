import { z } from 'zod';
import { uuid } from './common.ts';

export const provider = z.object({
  id: uuid,
  displayName: z.string(),
  credentials: z.string().nullable(),
  specialty: z.string().nullable(),
  active: z.boolean(),
});
export type Provider = z.infer<typeof provider>;

export const providerInput = z.strictObject({
  displayName: z.string().trim().min(1).max(120),
  credentials: z.string().trim().max(40).nullable().optional(),
  specialty: z.string().trim().max(120).nullable().optional(),
  active: z.boolean().default(true),
});

export const location = z.object({
  id: uuid,
  name: z.string(),
  addressLine1: z.string().nullable(),
  city: z.string().nullable(),
  region: z.string().nullable(),
  postalCode: z.string().nullable(),
  phone: z.string().nullable(),
  timeZone: z.string(),
  active: z.boolean(),
});
export type Location = z.infer<typeof location>;

export const locationInput = z.strictObject({
  name: z.string().trim().min(1).max(120),
  addressLine1: z.string().trim().max(200).nullable().optional(),
  city: z.string().trim().max(100).nullable().optional(),
  region: z.string().trim().max(100).nullable().optional(),
  postalCode: z.string().trim().max(20).nullable().optional(),
  phone: z.string().trim().max(30).nullable().optional(),
  timeZone: z.string().trim().min(1).max(64),
  active: z.boolean().default(true),
});

export const providerList = z.object({ items: z.array(provider) });
export const locationList = z.object({ items: z.array(location) });
