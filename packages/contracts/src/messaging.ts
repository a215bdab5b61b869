import { z } from 'zod';
import { isoDateTime, uuid } from './common.ts';

/** Who may start a thread (POLICY.md "Messaging"). */
export const messagingPolicies = [
  'practice_only',
  'patients_to_their_providers',
  'patients_to_anyone',
] as const;
export type MessagingPolicyName = (typeof messagingPolicies)[number];

/** A thread's state: `waiting` = open, last message from the practice. */
export const threadStatuses = ['open', 'waiting', 'closed'] as const;
export type ThreadStatus = (typeof threadStatuses)[number];

/** What a patient-started thread is about (the portal shows these translated). */
export const messageTopics = [
  'medical_question',
  'appointments',
  'prescriptions',
  'billing',
  'exercise_program',
  'other',
] as const;
export type MessageTopic = (typeof messageTopics)[number];

export const notificationChannels = ['email', 'sms', 'both'] as const;
export type NotificationChannel = (typeof notificationChannels)[number];

/** POLICY.md: attachments per message, bytes each, bytes per message. */
export const attachmentLimits = {
  perMessage: 10,
  bytesEach: 10 * 1024 * 1024,
  bytesPerMessage: 25 * 1024 * 1024,
  mimeTypes: ['application/pdf', 'image/jpeg', 'image/png', 'image/heic', 'image/heif'],
} as const;

export const messageBodyLimits = { patient: 1000, staff: 10_000 } as const;

// ---- practice settings ----------------------------------------------------------------------

export const messagingSettings = z.object({
  policy: z.enum(messagingPolicies),
  /** Close a thread this many hours after a staff message with no patient reply; 0 = never. */
  autoCloseHours: z.number().int(),
  /** Shown atop every patient thread; empty = none. */
  guidelineBanner: z.string(),
  version: z.number().int(),
});
export type MessagingSettings = z.infer<typeof messagingSettings>;

export const messagingSettingsUpdate = z.strictObject({
  policy: z.enum(messagingPolicies),
  autoCloseHours: z
    .number()
    .int()
    .min(0)
    .max(24 * 90),
  guidelineBanner: z.string().trim().max(500),
  version: z.number().int().min(1),
});

// ---- messages and threads -------------------------------------------------------------------

export const attachmentInfo = z.object({
  id: uuid,
  fileName: z.string(),
  contentType: z.string(),
  sizeBytes: z.number().int(),
});
export type AttachmentInfo = z.infer<typeof attachmentInfo>;

export const messageView = z.object({
  id: uuid,
  author: z.enum(['staff', 'patient']),
  /** Staff member's display name, or the patient's / account holder's name. */
  authorName: z.string(),
  body: z.string(),
  sentAt: isoDateTime,
  /** When the other side first read it; null while unread. */
  readAt: isoDateTime.nullable(),
  attachments: z.array(attachmentInfo),
});
export type MessageView = z.infer<typeof messageView>;

const threadFields = {
  id: uuid,
  subject: z.string(),
  topic: z.enum(messageTopics).nullable(),
  status: z.enum(threadStatuses),
  startedBy: z.enum(['staff', 'patient']),
  provider: z.object({ id: uuid, name: z.string() }).nullable(),
  location: z.object({ id: uuid, name: z.string() }).nullable(),
  lastMessageAt: isoDateTime,
  /** First characters of the last message (staff inbox and portal list). */
  lastMessagePreview: z.string(),
  lastMessageAuthor: z.enum(['staff', 'patient']),
  unreadCount: z.number().int(),
  closedAt: isoDateTime.nullable(),
};

/** A row of the staff inbox. */
export const inboxThread = z.object({
  ...threadFields,
  patient: z.object({ id: uuid, name: z.string(), mrn: z.string() }),
  assignee: z.object({ id: uuid, name: z.string() }).nullable(),
});
export type InboxThread = z.infer<typeof inboxThread>;

/** Keyset pages: `nextCursor` is opaque; null on the last page. */
export function cursorPageOf<T extends z.ZodType>(item: T) {
  return z.object({ items: z.array(item), nextCursor: z.string().nullable() });
}

export const inboxFilters = ['all', 'unread', 'mine', 'unassigned', 'closed'] as const;
export const inboxQuery = z.strictObject({
  filter: z.enum(inboxFilters).default('all'),
  providerId: uuid.optional(),
  locationId: uuid.optional(),
  /** Patient (name or MRN prefix) or subject words. */
  q: z.string().trim().max(100).optional(),
  patientId: uuid.optional(),
  cursor: z.string().max(200).optional(),
  pageSize: z.coerce.number().int().min(1).max(100).default(25),
});
export type InboxQuery = z.infer<typeof inboxQuery>;
export const inboxPage = cursorPageOf(inboxThread);
export type InboxPage = z.infer<typeof inboxPage>;

/** Why a thread cannot take a reply; null when it can. */
export const readOnlyReasons = ['closed', 'end_dated'] as const;

export const staffThreadDetail = inboxThread.extend({
  readOnlyReason: z.enum(readOnlyReasons).nullable(),
  messages: z.array(messageView),
});
export type StaffThreadDetail = z.infer<typeof staffThreadDetail>;

/** A row of the patient's thread list. */
export const portalThread = z.object(threadFields);
export type PortalThread = z.infer<typeof portalThread>;
export const portalThreadPage = cursorPageOf(portalThread);
export type PortalThreadPage = z.infer<typeof portalThreadPage>;
export const portalThreadQuery = z.strictObject({
  cursor: z.string().max(200).optional(),
  pageSize: z.coerce.number().int().min(1).max(100).default(25),
});

export const portalThreadDetail = portalThread.extend({
  readOnlyReason: z.enum(readOnlyReasons).nullable(),
  guidelineBanner: z.string(),
  messages: z.array(messageView),
});
export type PortalThreadDetail = z.infer<typeof portalThreadDetail>;

/**
 * Sending a message is multipart/form-data (fields below as text parts, files as `files` parts)
 * with an `Idempotency-Key` header. These schemas check the text fields.
 */
export const staffNewThreadFields = z.strictObject({
  patientId: uuid,
  subject: z.string().trim().min(1).max(200),
  body: z.string(),
  providerId: uuid.optional(),
  locationId: uuid.optional(),
});
export const patientNewThreadFields = z.strictObject({
  /** Omitted = "Office staff" (only when any provider may be chosen). */
  providerId: uuid.optional(),
  locationId: uuid.optional(),
  topic: z.enum(messageTopics),
  body: z.string(),
});
export const replyFields = z.strictObject({ body: z.string() });

export const sentMessage = z.object({ threadId: uuid, message: messageView });
export type SentMessage = z.infer<typeof sentMessage>;

export const assignRequest = z.strictObject({ staffUserId: uuid.nullable() });

/** Who and where a patient may write to (portal "New message"). */
export const composeOptions = z.object({
  allowed: z.boolean(),
  /** True when "Office staff" (no provider) may be chosen. */
  officeStaffAllowed: z.boolean(),
  providers: z.array(z.object({ id: uuid, name: z.string() })),
  locations: z.array(z.object({ id: uuid, name: z.string() })),
  topics: z.array(z.enum(messageTopics)),
  guidelineBanner: z.string(),
});
export type ComposeOptions = z.infer<typeof composeOptions>;

export const unreadSummary = z.object({ unreadThreads: z.number().int() });

export const notificationPreferences = z.object({ channel: z.enum(notificationChannels) });
export const notificationPreferencesUpdate = z.strictObject({
  channel: z.enum(notificationChannels),
});

// ---- templates --------------------------------------------------------------------------------

/** Variables a message template may use, filled per patient. */
export const messageTemplateVariables = [
  'patient.firstName',
  'patient.preferredName',
  'practice.name',
  'practice.phone',
  'staff.name',
] as const;

export const messageTemplate = z.object({
  id: uuid,
  name: z.string(),
  subject: z.string(),
  body: z.string(),
  updatedAt: isoDateTime,
});
export type MessageTemplate = z.infer<typeof messageTemplate>;
export const messageTemplateList = z.object({ items: z.array(messageTemplate) });
export const messageTemplateInput = z.strictObject({
  name: z.string().trim().min(1).max(80),
  subject: z.string().trim().min(1).max(200),
  body: z.string().trim().min(1).max(10_000),
});

// ---- bulk messages ----------------------------------------------------------------------------

export const bulkMessageRequest = z.strictObject({
  patientIds: z.array(uuid).min(1).max(5000),
  subject: z.string().trim().min(1).max(200),
  /** May hold template variables ({{patient.firstName}} …), filled per patient. */
  body: z.string().min(1).max(10_000),
});

export const bulkSkipReasons = ['not_registered', 'end_dated', 'not_found'] as const;
export const bulkMessageRun = z.object({
  id: uuid,
  status: z.enum(['queued', 'running', 'done', 'failed']),
  total: z.number().int(),
  sent: z.number().int(),
  skipped: z.array(z.object({ reason: z.enum(bulkSkipReasons), count: z.number().int() })),
  createdAt: isoDateTime,
  finishedAt: isoDateTime.nullable(),
});
export type BulkMessageRun = z.infer<typeof bulkMessageRun>;
