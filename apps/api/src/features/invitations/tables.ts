import {
  boolean,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import { practices } from '../practices/tables.ts';
import { patients } from '../patients/tables.ts';
import { staffUsers } from '../staff-auth/tables.ts';
import type { BulkOutcome } from './bulk-rules.ts';

/** A practice's own invitation templates (the built-in ones live in template-rules.ts). */
export const invitationTemplates = pgTable(
  'invitation_templates',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    practiceId: uuid('practice_id')
      .notNull()
      .references(() => practices.id),
    channel: text('channel', { enum: ['email', 'sms'] }).notNull(),
    name: text('name').notNull(),
    /** Email only. */
    subject: text('subject'),
    body: text('body').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull(),
  },
  (t) => [index('invitation_templates_practice_idx').on(t.practiceId, t.channel, t.name)],
);

/**
 * One portal invitation sent to a patient. PHI (it says who was invited when). Only the SHA-256 of
 * the link's token is stored. A newer invitation supersedes the older ones (`superseded_at`).
 */
export const invitations = pgTable(
  'invitations',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    practiceId: uuid('practice_id')
      .notNull()
      .references(() => practices.id),
    patientId: uuid('patient_id')
      .notNull()
      .references(() => patients.id),
    tokenHash: text('token_hash').notNull(),
    channels: text('channels', { enum: ['email', 'sms'] })
      .array()
      .notNull(),
    /** The staff member who sent it. */
    sentBy: uuid('sent_by'),
    sentAt: timestamp('sent_at', { withTimezone: true }).notNull(),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
    supersededAt: timestamp('superseded_at', { withTimezone: true }),
    revokedAt: timestamp('revoked_at', { withTimezone: true }),
    // Set by the registration flow.
    openedAt: timestamp('opened_at', { withTimezone: true }),
    registrationStep: integer('registration_step'),
    completedAt: timestamp('completed_at', { withTimezone: true }),
  },
  (t) => [
    uniqueIndex('invitations_token_hash_key').on(t.tokenHash),
    index('invitations_practice_patient_idx').on(t.practiceId, t.patientId, t.sentAt),
  ],
);

/**
 * One row per patient ever invited: the row locked (`SELECT … FOR UPDATE`) while a send decides on
 * the cooldown, so concurrent sends for one patient, in any process, are decided one at a time.
 */
export const invitationCooldowns = pgTable(
  'invitation_cooldowns',
  {
    practiceId: uuid('practice_id')
      .notNull()
      .references(() => practices.id),
    patientId: uuid('patient_id')
      .notNull()
      .references(() => patients.id),
    lastSentAt: timestamp('last_sent_at', { withTimezone: true }),
  },
  (t) => [primaryKey({ columns: [t.practiceId, t.patientId] })],
);

/**
 * One bulk invitation run: selected patients (`patient_ids` from the start) or a scope (its
 * patients resolved when the job starts). Counters are recomputed from the items after each step.
 */
export const bulkInvitationRuns = pgTable(
  'bulk_invitation_runs',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    practiceId: uuid('practice_id')
      .notNull()
      .references(() => practices.id),
    createdBy: uuid('created_by')
      .notNull()
      .references(() => staffUsers.id),
    scope: text('scope', { enum: ['not_invited_or_expired'] }),
    patientIds: jsonb('patient_ids').$type<string[]>(),
    status: text('status', { enum: ['queued', 'running', 'completed', 'failed'] }).notNull(),
    capped: boolean('capped').notNull().default(false),
    total: integer('total').notNull().default(0),
    processed: integer('processed').notNull().default(0),
    sent: integer('sent').notNull().default(0),
    skipped: jsonb('skipped').$type<Partial<Record<BulkOutcome, number>>>().notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    completedAt: timestamp('completed_at', { withTimezone: true }),
  },
  (t) => [index('bulk_invitation_runs_practice_idx').on(t.practiceId, t.createdAt)],
);

/** The outcome of each patient of a run, written in the same transaction as the send. */
export const bulkInvitationItems = pgTable(
  'bulk_invitation_items',
  {
    practiceId: uuid('practice_id')
      .notNull()
      .references(() => practices.id),
    runId: uuid('run_id')
      .notNull()
      .references(() => bulkInvitationRuns.id),
    patientId: uuid('patient_id').notNull(),
    outcome: text('outcome', {
      enum: [
        'sent',
        'no_contact',
        'message_too_long',
        'under_13',
        'end_dated',
        'registered',
        'cooldown',
        'not_found',
      ],
    })
      .$type<BulkOutcome>()
      .notNull(),
  },
  (t) => [primaryKey({ columns: [t.practiceId, t.runId, t.patientId] })],
);
