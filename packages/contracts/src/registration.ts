import { z } from 'zod';
import { isoDate } from './common.ts';
import { email } from './staff-auth.ts';
import { phone } from './patients.ts';

/** The registration link's token (from `/portal/register/:token`); sent in bodies, never in API URLs. */
export const registrationToken = z.string().min(20).max(200);

export const registrationSteps = [
  'create_account',
  'verify_email',
  'verify_phone',
  'complete',
] as const;
export type RegistrationStep = (typeof registrationSteps)[number];

/**
 * What a link holder may see: the practice's name and the patient's first name, the step to show,
 * and what the current step needs. Nothing else about the patient.
 */
export const registrationState = z.object({
  practice: z.object({ name: z.string(), slug: z.string() }),
  firstName: z.string(),
  step: z.enum(registrationSteps),
  /** Step 1: the address the invitation went to (editable). Later: the address chosen. */
  email: z.string().nullable(),
  /**
   * Step 2 after the code: the email already belongs to a Portico account (the same person at
   * another practice); its password links this patient to that account.
   */
  linkExistingAccount: z.boolean(),
  /** Step 3: the number on file, masked to its last 2 digits (for example "••• ••• ••47"), or null. */
  phoneOnFile: z.string().nullable(),
  /** Step 3: the masked number a code was sent to, once sent. */
  phoneCodeSentTo: z.string().nullable(),
  /** Seconds until another code can be requested for the current step (0: now). */
  resendAfterSeconds: z.number().int().min(0),
  /** Dates of birth still allowed on this link before it stops accepting tries. */
  dateOfBirthTriesLeft: z.number().int().min(0),
  expiresAt: z.string(),
});
export type RegistrationState = z.infer<typeof registrationState>;

export const registrationLookupRequest = z.strictObject({ token: registrationToken });

/** Step 1. The password rules are POLICY.md's; `acceptTerms` must be true. */
export const registrationAccountRequest = z.strictObject({
  token: registrationToken,
  email,
  dateOfBirth: isoDate,
  password: z.string().min(1).max(1024),
  acceptTerms: z.literal(true, { error: 'Accept the terms of use and the privacy notice.' }),
});

/** Step 2: the 6-digit code, or the one-click link's token from the email. */
export const registrationEmailVerifyRequest = z.union([
  z.strictObject({
    token: registrationToken,
    code: z
      .string()
      .trim()
      .regex(/^\d{6}$/),
  }),
  z.strictObject({ token: registrationToken, linkToken: z.string().min(20).max(200) }),
]);

/** Step 2, existing account: its password. */
export const registrationLinkAccountRequest = z.strictObject({
  token: registrationToken,
  password: z.string().min(1).max(1024),
});

/** Step 3: send (or re-send) a code by text message or by a voice call. */
export const registrationPhoneSendRequest = z.strictObject({
  token: registrationToken,
  /** Omit to use the number on file. */
  phone: phone.optional(),
  channel: z.enum(['sms', 'voice']),
});

export const registrationPhoneVerifyRequest = z.strictObject({
  token: registrationToken,
  code: z
    .string()
    .trim()
    .regex(/^\d{6}$/),
});

/** The live password check shown under the password field (same rules the server applies). */
export const passwordCheckRequest = z.strictObject({
  password: z.string().max(1024),
  email: z.string().max(254).optional(),
  /** The registration link, so the practice's name counts against the password. */
  token: registrationToken.optional(),
});
export const passwordCheckResult = z.object({
  /** 0 (very weak) to 4 (strong), for the meter. */
  score: z.number().int().min(0).max(4),
  acceptable: z.boolean(),
  /** Why it is refused, in plain words; null when acceptable. */
  reason: z.string().nullable(),
});
export type PasswordCheckResult = z.infer<typeof passwordCheckResult>;
