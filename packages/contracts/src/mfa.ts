import { z } from 'zod';
import { isoDateTime, uuid } from './common.ts';

/** The second factors of the signed-in person (staff or portal account). */
export const mfaStatus = z.object({
  totp: z.object({ enabled: z.boolean(), createdAt: isoDateTime.nullable() }),
  /** Portal only: codes by text message to the verified phone (masked), when there is one. */
  sms: z.object({ enabled: z.boolean(), available: z.boolean(), phone: z.string().nullable() }),
  passkeys: z.array(
    z.object({
      id: uuid,
      label: z.string(),
      createdAt: isoDateTime,
      lastUsedAt: isoDateTime.nullable(),
    }),
  ),
  recoveryCodesLeft: z.number().int().min(0),
  /** Staff: a second factor is required and none is set up yet. */
  enrollmentRequired: z.boolean(),
});
export type MfaStatus = z.infer<typeof mfaStatus>;

export const totpEnrollment = z.object({
  factorId: uuid,
  /** Base32, for typing into an app by hand. */
  secret: z.string(),
  otpauthUrl: z.string(),
  /** The otpauth URL as an SVG QR code (markup, rendered as an image). */
  qrSvg: z.string(),
});
export type TotpEnrollment = z.infer<typeof totpEnrollment>;

export const totpConfirmRequest = z.strictObject({
  factorId: uuid,
  code: z
    .string()
    .trim()
    .regex(/^\d{6}$/),
});

/** Shown once: 10 single-use codes. */
export const recoveryCodes = z.object({ codes: z.array(z.string()).length(10) });
export type RecoveryCodes = z.infer<typeof recoveryCodes>;

export const smsFactorVerifyRequest = z.strictObject({
  code: z
    .string()
    .trim()
    .regex(/^\d{6}$/),
});

/** WebAuthn JSON (from @simplewebauthn): checked by the server library, not by this schema. */
export const webauthnJson = z.record(z.string(), z.unknown());
export const passkeyRegisterRequest = z.strictObject({
  response: webauthnJson,
  label: z.string().trim().min(1).max(60),
});
export const passkeySignInRequest = z.strictObject({ response: webauthnJson });

/**
 * A second factor other than TOTP was added (SMS, passkey). When it is the first factor, the
 * 10 recovery codes come with it (shown once); otherwise the codes already issued stay.
 */
export const factorAddedResult = z.object({
  factorId: uuid,
  recoveryCodes: z.array(z.string()).length(10).nullable(),
});
export type FactorAddedResult = z.infer<typeof factorAddedResult>;

/** An SMS code was queued to the verified phone (masked). */
export const smsCodeSent = z.object({
  to: z.string(),
  resendAfterSeconds: z.number().int().min(0),
});
export type SmsCodeSent = z.infer<typeof smsCodeSent>;

export const passkeyIdParams = z.strictObject({ id: uuid });

/** Staff second factor at sign-in: an authenticator code or a recovery code (passkeys have their own step). */
export const staffSecondFactorRequest = z.strictObject({
  method: z.enum(['totp', 'recovery_code']),
  code: z.string().trim().min(6).max(32),
});
