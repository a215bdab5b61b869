import { z } from 'zod';

export const publicPractice = z.object({
  slug: z.string(),
  name: z.string(),
  logoUrl: z.string().nullable(),
  phone: z.string().nullable(),
});
export type PublicPractice = z.infer<typeof publicPractice>;

/** Paths under `/portal/` that the portal itself uses, so no practice can take them as its slug. */
export const reservedPortalPaths: readonly string[] = [
  'home',
  'security',
  'sessions',
  'register',
  'reset-password',
  'forgot-password',
  'sign-in',
  'messages',
  'appointments',
  'billing',
  'forms',
  'settings',
  'notifications',
  'api',
];

export const practiceSlug = z
  .string()
  .trim()
  .toLowerCase()
  .regex(/^[a-z0-9](?:[a-z0-9-]{0,46}[a-z0-9])?$/, 'Use lowercase letters, digits and dashes')
  .refine(
    (slug) => !reservedPortalPaths.includes(slug),
    'This address is reserved; choose another',
  );

export const staffMember = z.object({
  id: z.string(),
  displayName: z.string(),
  email: z.string(),
  role: z.enum(['admin', 'clinician', 'front_desk', 'billing']),
  active: z.boolean(),
});
export const staffList = z.object({ items: z.array(staffMember) });
export type StaffMember = z.infer<typeof staffMember>;
