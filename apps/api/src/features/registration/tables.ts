import { integer, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { practices } from '../practices/tables.ts';
import { patients } from '../patients/tables.ts';
import { invitations } from '../invitations/tables.ts';
import { portalAccounts } from '../portal-accounts/tables.ts';

/**
 * The progress of one registration, keyed by the invitation whose link started it, so the same
 * link on any device resumes at the first incomplete step. Step 1 keeps the chosen email and the
 * password's hash here; the account exists only once the email is verified (step 2), so step 1
 * answers the same whether or not the email already has an account (POLICY.md enumeration).
 */
export const registrations = pgTable('registrations', {
  invitationId: uuid('invitation_id')
    .primaryKey()
    .references(() => invitations.id),
  practiceId: uuid('practice_id')
    .notNull()
    .references(() => practices.id),
  patientId: uuid('patient_id')
    .notNull()
    .references(() => patients.id),
  /** Wrong dates of birth on this link; the link stops accepting tries at the limit. */
  dobFailures: integer('dob_failures').notNull().default(0),
  dobLockedUntil: timestamp('dob_locked_until', { withTimezone: true }),
  email: text('email'),
  pendingPasswordHash: text('pending_password_hash'),
  termsAcceptedAt: timestamp('terms_accepted_at', { withTimezone: true }),
  accountCreatedAt: timestamp('account_created_at', { withTimezone: true }),
  emailVerifiedAt: timestamp('email_verified_at', { withTimezone: true }),
  /** Set when the verified email already had an account: step 2 then asks for its password. */
  existingAccountId: uuid('existing_account_id').references(() => portalAccounts.id),
  accountId: uuid('account_id').references(() => portalAccounts.id),
  phone: text('phone'),
  phoneVerifiedAt: timestamp('phone_verified_at', { withTimezone: true }),
  completedAt: timestamp('completed_at', { withTimezone: true }),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull(),
});
