import { z } from 'zod';
import { uuid } from './common.ts';

export const staffRoles = ['admin', 'clinician', 'front_desk', 'billing'] as const;
export const staffRole = z.enum(staffRoles);
export type StaffRole = z.infer<typeof staffRole>;

export const email = z.string().trim().toLowerCase().pipe(z.email().max(254));

export const staffSignInRequest = z.strictObject({
  email,
  password: z.string().min(1).max(1024),
});

export const staffMe = z.object({
  user: z.object({ id: uuid, email: z.string(), displayName: z.string() }),
  practice: z.object({ id: uuid, name: z.string(), slug: z.string(), timeZone: z.string() }),
  role: staffRole,
  session: z.object({
    idleExpiresAt: z.string(),
    absoluteExpiresAt: z.string(),
    /** Slot for the second factor (issue 3): true once MFA is satisfied or not yet required. */
    secondFactorSatisfied: z.boolean(),
  }),
});
export type StaffMe = z.infer<typeof staffMe>;

export const setPasswordRequest = z.strictObject({
  token: z.string().min(20).max(200),
  password: z.string().min(1).max(1024),
});
