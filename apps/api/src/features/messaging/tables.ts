import { sql } from 'drizzle-orm';
import {
  bigint,
  check,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uuid,
} from 'drizzle-orm/pg-core';
import { messageTopics, messagingPolicies, notificationChannels } from '@portico/contracts';
import { practices } from '../practices/tables.ts';
import { patients } from '../patients/tables.ts';
import { locations, providers } from '../directory/tables.ts';

const at = (name: string) => timestamp(name, { withTimezone: true });

/** One row per practice that changed its messaging settings; defaults apply without one. */
export const messagingSettings = pgTable(
  'messaging_settings',
  {
    practiceId: uuid('practice_id')
      .primaryKey()
      .references(() => practices.id),
    policy: text('policy', { enum: messagingPolicies }).notNull().default('practice_only'),
    autoCloseHours: integer('auto_close_hours').notNull().default(48),
    guidelineBanner: text('guideline_banner').notNull().default(''),
    version: integer('version').notNull().default(1),
    updatedAt: at('updated_at').notNull(),
  },
  (t) => [
    check('messaging_settings_auto_close_range', sql`${t.autoCloseHours} between 0 and 2160`),
  ],
);

/**
 * A conversation between the practice and one patient. PHI (RLS on practice_id). The inbox
 * columns (last message, unread counts, status) are kept on the row, so an inbox page is one
 * index range scan however many messages there are.
 */
export const messageThreads = pgTable(
  'message_threads',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    practiceId: uuid('practice_id')
      .notNull()
      .references(() => practices.id),
    patientId: uuid('patient_id')
      .notNull()
      .references(() => patients.id),
    subject: text('subject').notNull(),
    /** Lowercased subject for prefix search (a plain column: see patients.search_last_name). */
    searchSubject: text('search_subject').generatedAlwaysAs(sql`lower(subject)`),
    topic: text('topic', { enum: messageTopics }),
    /** open · waiting (last message from the practice) · closed */
    status: text('status', { enum: ['open', 'waiting', 'closed'] }).notNull(),
    startedBy: text('started_by', { enum: ['staff', 'patient'] }).notNull(),
    providerId: uuid('provider_id').references(() => providers.id),
    locationId: uuid('location_id').references(() => locations.id),
    assigneeStaffId: uuid('assignee_staff_id'),
    createdAt: at('created_at').notNull(),
    lastMessageAt: at('last_message_at').notNull(),
    lastMessagePreview: text('last_message_preview').notNull(),
    lastMessageAuthor: text('last_message_author', { enum: ['staff', 'patient'] }).notNull(),
    /** Patient messages the practice has not read / staff messages the patient has not read. */
    staffUnread: integer('staff_unread').notNull().default(0),
    patientUnread: integer('patient_unread').notNull().default(0),
    closedAt: at('closed_at'),
    closedBy: text('closed_by', { enum: ['staff', 'auto'] }),
  },
  (t) => [
    index('message_threads_inbox_idx').on(t.practiceId, t.lastMessageAt, t.id),
    index('message_threads_status_idx').on(t.practiceId, t.status, t.lastMessageAt, t.id),
    index('message_threads_assignee_idx').on(
      t.practiceId,
      t.assigneeStaffId,
      t.lastMessageAt,
      t.id,
    ),
    index('message_threads_unread_idx')
      .on(t.practiceId, t.lastMessageAt, t.id)
      .where(sql`staff_unread > 0`),
    index('message_threads_provider_idx').on(t.practiceId, t.providerId, t.lastMessageAt, t.id),
    index('message_threads_location_idx').on(t.practiceId, t.locationId, t.lastMessageAt, t.id),
    index('message_threads_patient_idx').on(t.practiceId, t.patientId, t.lastMessageAt, t.id),
    index('message_threads_subject_idx').on(t.practiceId, sql`${t.searchSubject} text_pattern_ops`),
    // The auto-close sweep: only threads waiting on the patient, oldest staff message first.
    index('message_threads_waiting_idx')
      .on(t.lastMessageAt)
      .where(sql`status = 'waiting'`),
  ],
);

/** One message. PHI. `read_at` is when the other side first opened the thread after it. */
export const messages = pgTable(
  'messages',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    practiceId: uuid('practice_id')
      .notNull()
      .references(() => practices.id),
    threadId: uuid('thread_id')
      .notNull()
      .references(() => messageThreads.id),
    author: text('author', { enum: ['staff', 'patient'] }).notNull(),
    staffUserId: uuid('staff_user_id'),
    accountId: uuid('account_id'),
    body: text('body').notNull(),
    createdAt: at('created_at').notNull(),
    readAt: at('read_at'),
  },
  (t) => [index('messages_thread_idx').on(t.practiceId, t.threadId, t.createdAt, t.id)],
);

/** A stored file of a message. `storage_key` is ours (never the user's file name). */
export const messageAttachments = pgTable(
  'message_attachments',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    practiceId: uuid('practice_id')
      .notNull()
      .references(() => practices.id),
    messageId: uuid('message_id')
      .notNull()
      .references(() => messages.id),
    threadId: uuid('thread_id')
      .notNull()
      .references(() => messageThreads.id),
    storageKey: text('storage_key').notNull(),
    fileName: text('file_name').notNull(),
    contentType: text('content_type').notNull(),
    sizeBytes: bigint('size_bytes', { mode: 'number' }).notNull(),
    /** Order within the message, as the sender attached them. */
    position: integer('position').notNull(),
    createdAt: at('created_at').notNull(),
  },
  (t) => [index('message_attachments_message_idx').on(t.practiceId, t.messageId, t.position)],
);

/** Reusable message texts with variables ({{patient.firstName}} …). */
export const messageTemplates = pgTable(
  'message_templates',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    practiceId: uuid('practice_id')
      .notNull()
      .references(() => practices.id),
    name: text('name').notNull(),
    subject: text('subject').notNull(),
    body: text('body').notNull(),
    createdAt: at('created_at').notNull(),
    updatedAt: at('updated_at').notNull(),
  },
  (t) => [index('message_templates_practice_idx').on(t.practiceId, t.name)],
);

/** A bulk send: one thread per selected patient, made by the worker in chunks. */
export const bulkMessageRuns = pgTable(
  'bulk_message_runs',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    practiceId: uuid('practice_id')
      .notNull()
      .references(() => practices.id),
    createdByStaffId: uuid('created_by_staff_id').notNull(),
    subject: text('subject').notNull(),
    body: text('body').notNull(),
    patientIds: jsonb('patient_ids').$type<string[]>().notNull(),
    /** How many of patient_ids are done (sent or skipped). */
    position: integer('position').notNull().default(0),
    sent: integer('sent').notNull().default(0),
    skipped: jsonb('skipped').$type<Record<string, number>>().notNull().default({}),
    status: text('status', { enum: ['queued', 'running', 'done', 'failed'] })
      .notNull()
      .default('queued'),
    createdAt: at('created_at').notNull(),
    finishedAt: at('finished_at'),
  },
  (t) => [index('bulk_message_runs_practice_idx').on(t.practiceId, t.createdAt)],
);

/** How a portal account wants to hear about new messages from this practice. */
export const messageNotificationPreferences = pgTable(
  'message_notification_preferences',
  {
    practiceId: uuid('practice_id')
      .notNull()
      .references(() => practices.id),
    accountId: uuid('account_id').notNull(),
    channel: text('channel', { enum: notificationChannels }).notNull(),
    updatedAt: at('updated_at').notNull(),
  },
  (t) => [primaryKey({ columns: [t.practiceId, t.accountId] })],
);
