import { sql } from 'drizzle-orm';
import {
  boolean,
  index,
  integer,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import { practices } from '../practices/tables.ts';
import { patients } from '../patients/tables.ts';

/**
 * A person's Portico login, across practices (the same person at two practices has one account).
 * Not a tenant table: sign-in finds it by email before any practice is known. Reached through
 * `db.system`; `portal_access` says which patients of which practices it may see.
 */
export const portalAccounts = pgTable(
  'portal_accounts',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    email: text('email').notNull(),
    emailVerifiedAt: timestamp('email_verified_at', { withTimezone: true }).notNull(),
    /** A verified mobile number (registration step 3); the SMS second factor sends here. */
    phone: text('phone'),
    phoneVerifiedAt: timestamp('phone_verified_at', { withTimezone: true }),
    passwordHash: text('password_hash'),
    failedSignIns: integer('failed_sign_ins').notNull().default(0),
    lockedUntil: timestamp('locked_until', { withTimezone: true }),
    passwordDisabled: boolean('password_disabled').notNull().default(false),
    termsAcceptedAt: timestamp('terms_accepted_at', { withTimezone: true }).notNull(),
    locale: text('locale').notNull().default('en'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
  },
  (t) => [uniqueIndex('portal_accounts_email_key').on(sql`lower(${t.email})`)],
);

/**
 * Which patient records an account may open. Tenant table (RLS). `relationship` is `self` for a
 * patient's own registration; caregivers and contacts arrive with the proxy issue.
 */
export const portalAccess = pgTable(
  'portal_access',
  {
    practiceId: uuid('practice_id')
      .notNull()
      .references(() => practices.id),
    patientId: uuid('patient_id')
      .notNull()
      .references(() => patients.id),
    accountId: uuid('account_id')
      .notNull()
      .references(() => portalAccounts.id),
    relationship: text('relationship', { enum: ['self'] })
      .notNull()
      .default('self'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.practiceId, t.patientId, t.accountId] }),
    uniqueIndex('portal_access_one_self_key')
      .on(t.practiceId, t.patientId)
      .where(sql`relationship = 'self'`),
    index('portal_access_account_idx').on(t.accountId),
  ],
);

/**
 * Server-side portal sessions; only the SHA-256 of the cookie token is stored. A session opened
 * by a password when the account has a second factor is `mfa_pending` until `second_factor_at`.
 * `practice_id`/`patient_id` is the record the session is acting for.
 */
export const portalSessions = pgTable(
  'portal_sessions',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    tokenHash: text('token_hash').notNull().unique(),
    accountId: uuid('account_id')
      .notNull()
      .references(() => portalAccounts.id),
    practiceId: uuid('practice_id').references(() => practices.id),
    patientId: uuid('patient_id').references(() => patients.id),
    /** How the first factor was met: password or passkey (a passkey is both factors). */
    signInMethod: text('sign_in_method', {
      enum: ['password', 'passkey', 'registration', 'password_reset'],
    }).notNull(),
    mfaPending: boolean('mfa_pending').notNull().default(false),
    secondFactorAt: timestamp('second_factor_at', { withTimezone: true }),
    /** Last time the password (or a passkey) was entered again: sensitive changes need ≤ 10 minutes. */
    reauthenticatedAt: timestamp('reauthenticated_at', { withTimezone: true }).notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    lastSeenAt: timestamp('last_seen_at', { withTimezone: true }).notNull(),
    endedAt: timestamp('ended_at', { withTimezone: true }),
    endReason: text('end_reason'),
    ip: text('ip'),
    userAgent: text('user_agent'),
  },
  (t) => [index('portal_sessions_account_idx').on(t.accountId, t.createdAt)],
);

/** Forgot-password links: hashed, 60 minutes, single use, only the newest works. */
export const portalPasswordResets = pgTable(
  'portal_password_resets',
  {
    tokenHash: text('token_hash').primaryKey(),
    accountId: uuid('account_id')
      .notNull()
      .references(() => portalAccounts.id),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
    usedAt: timestamp('used_at', { withTimezone: true }),
    supersededAt: timestamp('superseded_at', { withTimezone: true }),
  },
  (t) => [index('portal_password_resets_account_idx').on(t.accountId)],
);
