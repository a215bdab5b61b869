import {
  bigserial,
  index,
  integer,
  jsonb,
  pgTable,
  text,
  timestamp,
  uuid,
} from 'drizzle-orm/pg-core';

export type OutboxPayload =
  | { channel: 'email'; to: string; subject: string; text: string; html?: string }
  | {
      channel: 'sms';
      to: string;
      text: string;
      /** Deliver as a voice call that reads `text` aloud (verification codes for landlines). */
      voice?: boolean;
    };

/** Transactional outbox: written in the same transaction as the change that caused it. */
export const outbox = pgTable(
  'outbox',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    practiceId: uuid('practice_id'),
    channel: text('channel', { enum: ['email', 'sms'] }).notNull(),
    payload: jsonb('payload').$type<OutboxPayload>().notNull(),
    status: text('status', { enum: ['pending', 'sending', 'sent', 'dead'] })
      .notNull()
      .default('pending'),
    attempts: integer('attempts').notNull().default(0),
    /** Raised on every claim, never reset: the fencing token of the claim that owns the row. */
    claimSeq: integer('claim_seq').notNull().default(0),
    nextAttemptAt: timestamp('next_attempt_at', { withTimezone: true }).notNull(),
    lockedUntil: timestamp('locked_until', { withTimezone: true }),
    lastError: text('last_error'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    sentAt: timestamp('sent_at', { withTimezone: true }),
    /** What the message belongs to (e.g. `invitation:<id>`), so its sender can show delivery state. */
    reference: text('reference'),
  },
  (t) => [
    index('outbox_due_idx').on(t.status, t.nextAttemptAt),
    index('outbox_practice_idx').on(t.practiceId, t.createdAt),
    index('outbox_reference_idx').on(t.practiceId, t.reference),
  ],
);

/** Background jobs (CSV imports today; auto-close and bulk sends later). Same polling as the outbox. */
export const jobs = pgTable(
  'jobs',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    practiceId: uuid('practice_id'),
    kind: text('kind').notNull(),
    payload: jsonb('payload').$type<Record<string, unknown>>().notNull(),
    status: text('status', { enum: ['pending', 'running', 'done', 'dead'] })
      .notNull()
      .default('pending'),
    /** Failed attempts of the current step (the failure budget); reset when a step completes. */
    attempts: integer('attempts').notNull().default(0),
    /** Raised on every claim, never reset: the fencing token of the claim that owns the row. */
    claimSeq: integer('claim_seq').notNull().default(0),
    runAt: timestamp('run_at', { withTimezone: true }).notNull(),
    lockedUntil: timestamp('locked_until', { withTimezone: true }),
    lastError: text('last_error'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    finishedAt: timestamp('finished_at', { withTimezone: true }),
  },
  (t) => [index('jobs_due_idx').on(t.status, t.runAt)],
);

/** Where email and SMS land when no SMTP server / SMS provider is configured (the embedded demo). */
export const devMailbox = pgTable(
  'dev_mailbox',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    practiceId: uuid('practice_id'),
    channel: text('channel', { enum: ['email', 'sms'] }).notNull(),
    to: text('to').notNull(),
    subject: text('subject'),
    text: text('text').notNull(),
    html: text('html'),
    deliveredAt: timestamp('delivered_at', { withTimezone: true }).notNull(),
  },
  (t) => [index('dev_mailbox_practice_idx').on(t.practiceId, t.deliveredAt)],
);
