import { integer, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';

/**
 * One-time codes sent by email or SMS (POLICY.md: 6 digits, 10 minutes, single use, 5 tries per
 * code, a new code does not reset the tries, resend ≤ every 60 s and 5 per hour). One row per
 * (purpose, subject): a resend replaces the code but keeps the failure count and the send times.
 * Only hashes are stored; `link_token_hash` is the one-click link that may accompany an email code.
 */
export const verificationChallenges = pgTable(
  'verification_challenges',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    purpose: text('purpose', {
      enum: ['registration_email', 'registration_phone', 'mfa_sms_enroll', 'mfa_sms_sign_in'],
    }).notNull(),
    /** The registration's invitation id, or the account id. */
    subjectId: uuid('subject_id').notNull(),
    /** Where the code went (an email address or a phone number). */
    destination: text('destination').notNull(),
    codeHash: text('code_hash').notNull(),
    linkTokenHash: text('link_token_hash'),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
    failedAttempts: integer('failed_attempts').notNull().default(0),
    lastFailureAt: timestamp('last_failure_at', { withTimezone: true }),
    sentAt: timestamp('sent_at', { withTimezone: true }).array().notNull(),
    usedAt: timestamp('used_at', { withTimezone: true }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
  },
  (t) => [
    uniqueIndex('verification_challenges_subject_key').on(t.purpose, t.subjectId),
    uniqueIndex('verification_challenges_link_key').on(t.linkTokenHash),
  ],
);
