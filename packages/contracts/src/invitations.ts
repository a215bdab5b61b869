import { z } from 'zod';
import { uuid } from './common.ts';

/** Where an invitation can go; only channels with contact data on file are offered. */
export const invitationChannel = z.enum(['email', 'sms']);
export type InvitationChannel = z.infer<typeof invitationChannel>;

/**
 * A patient's portal status as staff see it. `registering` carries the step reached; `expired`
 * is an invitation past its lifetime that was never completed.
 */
export const portalStatus = z.enum([
  'not_invited',
  'invited',
  'opened',
  'registering',
  'registered',
  'expired',
  'revoked',
]);
export type PortalStatus = z.infer<typeof portalStatus>;

/** Template variables, written `{{name}}` in a template's subject or body. */
export const templateVariables = [
  'patient_portal_link',
  'practice_name',
  'patient_first_name',
  'expires_at',
] as const;

export const invitationTemplate = z.object({
  /** `default-email` / `default-sms` for the built-in templates, else a UUID. */
  id: z.string(),
  channel: invitationChannel,
  name: z.string(),
  subject: z.string().nullable(),
  body: z.string(),
  builtIn: z.boolean(),
  updatedAt: z.string().nullable(),
});
export type InvitationTemplate = z.infer<typeof invitationTemplate>;
export const invitationTemplateList = z.object({ items: z.array(invitationTemplate) });

export const invitationTemplateInput = z.strictObject({
  channel: invitationChannel,
  name: z.string().trim().min(1).max(80),
  /** Required for email, absent for SMS. */
  subject: z.string().trim().min(1).max(150).nullable().optional(),
  /** Must contain {{patient_portal_link}}. SMS: at most 480 characters after rendering (3 segments). */
  body: z.string().trim().min(1).max(5000),
});

export const invitationRequest = z.strictObject({
  channels: z.array(invitationChannel).min(1).max(2),
  emailTemplateId: z.string().max(40).optional(),
  smsTemplateId: z.string().max(40).optional(),
});
export type InvitationRequest = z.infer<typeof invitationRequest>;

/** Exactly what the patient will receive (the link in a preview is a placeholder, never a live token). */
export const invitationPreview = z.object({
  email: z.object({ to: z.string(), subject: z.string(), text: z.string() }).nullable(),
  sms: z.object({ to: z.string(), text: z.string(), segments: z.number().int() }).nullable(),
});
export type InvitationPreview = z.infer<typeof invitationPreview>;

export const deliveryState = z.enum(['queued', 'delivered', 'failed']);

export const invitationStatus = z.object({
  patientId: uuid,
  status: portalStatus,
  /** Why the patient cannot be invited now (under 13, end-dated, no contact data, registered), or null. */
  blockedReason: z.enum(['under_13', 'end_dated', 'no_contact', 'registered']).nullable(),
  /** Channels with contact data on file. */
  availableChannels: z.array(invitationChannel),
  current: z
    .object({
      id: uuid,
      sentAt: z.string(),
      expiresAt: z.string(),
      channels: z.array(z.object({ channel: invitationChannel, delivery: deliveryState })),
      openedAt: z.string().nullable(),
      registrationStep: z.number().int().min(1).max(4).nullable(),
      revokedAt: z.string().nullable(),
    })
    .nullable(),
  /** Sends in the last 24 hours (at most 5) and seconds until the next send is allowed (0 = now). */
  sendsInLast24Hours: z.number().int(),
  retryAfterSeconds: z.number().int(),
});
export type InvitationStatus = z.infer<typeof invitationStatus>;

/** A template rendered with sample values, for the template editor. */
export const templatePreview = z.object({
  subject: z.string().nullable(),
  text: z.string(),
  /** SMS only: 160-character GSM segments (70 when the text needs Unicode). */
  segments: z.number().int().nullable(),
  characters: z.number().int(),
});
export type TemplatePreview = z.infer<typeof templatePreview>;

/**
 * Why a bulk invitation skipped a patient (`not_found`: the record is not in this practice;
 * `message_too_long`: the text message would exceed 480 characters and there is no email).
 */
export const bulkSkipReason = z.enum([
  'no_contact',
  'message_too_long',
  'under_13',
  'end_dated',
  'registered',
  'cooldown',
  'not_found',
]);
export type BulkSkipReason = z.infer<typeof bulkSkipReason>;

/** The most patients one "everyone not yet invited or expired" run invites. */
export const bulkInvitationScopeCap = 5000;

/** Selected patients, or everyone active not yet invited (or whose invitation expired): exactly one. */
export const bulkInvitationRequest = z
  .strictObject({
    patientIds: z.array(uuid).min(1).max(500).optional(),
    scope: z.literal('not_invited_or_expired').optional(),
  })
  .refine((body) => (body.patientIds === undefined) !== (body.scope === undefined), {
    message: 'Give either patientIds or scope, not both.',
    path: ['patientIds'],
  });
export type BulkInvitationRequest = z.infer<typeof bulkInvitationRequest>;

export const bulkInvitationRun = z.object({
  id: uuid,
  status: z.enum(['queued', 'running', 'completed', 'failed']),
  scope: z.literal('not_invited_or_expired').nullable(),
  /** Patients in the run (known once the run starts for a scope). */
  total: z.number().int(),
  processed: z.number().int(),
  sent: z.number().int(),
  skipped: z.record(bulkSkipReason, z.number().int()),
  /** The scope matched more patients than one run invites; the rest need another run. */
  capped: z.boolean(),
  createdAt: z.string(),
  completedAt: z.string().nullable(),
});
export type BulkInvitationRun = z.infer<typeof bulkInvitationRun>;
