import { z } from 'zod';
import { isoDateTime, uuid } from './common.ts';
import { email } from './staff-auth.ts';

export const secondFactorMethods = ['totp', 'sms', 'recovery_code', 'passkey'] as const;
export type SecondFactorMethod = (typeof secondFactorMethods)[number];

/** The signed-in portal account and the patient record it is acting for. */
export const portalMe = z.object({
  account: z.object({ id: uuid, email: z.string() }),
  /** The record in use (null when the account has no usable record; see `records`). */
  patient: z
    .object({
      id: uuid,
      firstName: z.string(),
      practice: z.object({ id: uuid, name: z.string(), slug: z.string() }),
    })
    .nullable(),
  /** Every record the account may open (one per practice for now; proxies add more). */
  records: z.array(
    z.object({
      patientId: uuid,
      firstName: z.string(),
      practiceName: z.string(),
      practiceSlug: z.string(),
      /** End-dated at the practice: cannot be opened. */
      active: z.boolean(),
    }),
  ),
  session: z.object({
    idleExpiresAt: isoDateTime,
    absoluteExpiresAt: isoDateTime,
    /** Seconds before idle sign-out at which to warn (POLICY.md: 2 minutes). */
    warnBeforeSeconds: z.number().int(),
    /** Until when a sensitive change needs no new password (null: it needs one now). */
    reauthenticatedUntil: isoDateTime.nullable(),
  }),
});
export type PortalMe = z.infer<typeof portalMe>;

export const portalSignInRequest = z.strictObject({
  email,
  password: z.string().min(1).max(1024),
});

/**
 * A correct password either signs in or, when the account has a second factor, opens a session
 * that can only finish the second factor (`mfa_required`).
 */
export const portalSignInResult = z.discriminatedUnion('status', [
  z.object({ status: z.literal('signed_in'), me: portalMe }),
  z.object({
    status: z.literal('mfa_required'),
    methods: z.array(z.enum(secondFactorMethods)),
    /** Masked phone for the SMS method. */
    smsTo: z.string().nullable(),
  }),
]);
export type PortalSignInResult = z.infer<typeof portalSignInResult>;

export const secondFactorRequest = z.strictObject({
  method: z.enum(['totp', 'sms', 'recovery_code']),
  code: z.string().trim().min(6).max(32),
});

export const forgotPasswordRequest = z.strictObject({ email });
export const resetPasswordRequest = z.strictObject({
  token: z.string().min(20).max(200),
  password: z.string().min(1).max(1024),
});
export const reauthenticateRequest = z.strictObject({ password: z.string().min(1).max(1024) });

export const portalSession = z.object({
  id: uuid,
  current: z.boolean(),
  createdAt: isoDateTime,
  lastSeenAt: isoDateTime,
  signInMethod: z.enum(['password', 'passkey', 'registration', 'password_reset']),
  ip: z.string().nullable(),
  /** A short description of the browser and system ("Chrome on Android"), never the raw header. */
  device: z.string(),
});
export type PortalSession = z.infer<typeof portalSession>;
export const portalSessionList = z.object({ items: z.array(portalSession) });
export type PortalSessionList = z.infer<typeof portalSessionList>;

export const switchRecordRequest = z.strictObject({ patientId: uuid });

/** "Sign out everywhere else": how many other sessions were ended. */
export const endOtherSessionsResult = z.object({ ended: z.number().int() });
