import { z } from 'zod';

export const publicPractice = z.object({
  slug: z.string(),
  name: z.string(),
  logoUrl: z.string().nullable(),
  phone: z.string().nullable(),
});
export type PublicPractice = z.infer<typeof publicPractice>;

export const practiceSlug = z
  .string()
  .trim()
  .toLowerCase()
  .regex(/^[a-z0-9](?:[a-z0-9-]{0,46}[a-z0-9])?$/, 'Use lowercase letters, digits and dashes');

export const staffMember = z.object({
  id: z.string(),
  displayName: z.string(),
  email: z.string(),
  role: z.enum(['admin', 'clinician', 'front_desk', 'billing']),
  active: z.boolean(),
});
export const staffList = z.object({ items: z.array(staffMember) });
export type StaffMember = z.infer<typeof staffMember>;
