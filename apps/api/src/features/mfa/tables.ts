import { sql } from 'drizzle-orm';
import {
  bigint,
  index,
  integer,
  pgTable,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';

/**
 * Second factors of staff users and portal accounts (`subject_type` says which table `subject_id`
 * points to). A `totp` factor keeps its base32 secret and the last time step accepted (each code
 * once); `sms` sends to the account's verified phone; `passkey` keeps the WebAuthn credential.
 * A TOTP factor is `confirmed_at` null until the first code proves the app was set up.
 */
export const mfaFactors = pgTable(
  'mfa_factors',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    subjectType: text('subject_type', { enum: ['staff', 'portal'] }).notNull(),
    subjectId: uuid('subject_id').notNull(),
    kind: text('kind', { enum: ['totp', 'sms', 'passkey'] }).notNull(),
    label: text('label').notNull(),
    totpSecret: text('totp_secret'),
    totpLastStep: bigint('totp_last_step', { mode: 'number' }),
    credentialId: text('credential_id'),
    publicKey: text('public_key'),
    signCount: integer('sign_count'),
    transports: text('transports').array(),
    confirmedAt: timestamp('confirmed_at', { withTimezone: true }),
    lastUsedAt: timestamp('last_used_at', { withTimezone: true }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
  },
  (t) => [
    index('mfa_factors_subject_idx').on(t.subjectType, t.subjectId),
    uniqueIndex('mfa_factors_credential_key')
      .on(t.credentialId)
      .where(sql`credential_id is not null`),
  ],
);

/** Ten single-use recovery codes per subject, stored as SHA-256 hashes (each is 50+ bits random). */
export const mfaRecoveryCodes = pgTable(
  'mfa_recovery_codes',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    subjectType: text('subject_type', { enum: ['staff', 'portal'] }).notNull(),
    subjectId: uuid('subject_id').notNull(),
    codeHash: text('code_hash').notNull(),
    usedAt: timestamp('used_at', { withTimezone: true }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
  },
  (t) => [index('mfa_recovery_codes_subject_idx').on(t.subjectType, t.subjectId)],
);

/** WebAuthn challenges between options and verification (5 minutes, single use). */
export const webauthnChallenges = pgTable('webauthn_challenges', {
  id: uuid('id').primaryKey().defaultRandom(),
  challenge: text('challenge').notNull().unique(),
  purpose: text('purpose', { enum: ['register', 'authenticate'] }).notNull(),
  subjectType: text('subject_type', { enum: ['staff', 'portal'] }).notNull(),
  /** Null for a passwordless sign-in (the credential tells who it is). */
  subjectId: uuid('subject_id'),
  expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
  usedAt: timestamp('used_at', { withTimezone: true }),
});
