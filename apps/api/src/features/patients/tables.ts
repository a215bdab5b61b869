import { sql } from 'drizzle-orm';
import {
  date,
  index,
  integer,
  pgTable,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import { practices } from '../practices/tables.ts';
import { locations, providers } from '../directory/tables.ts';

/** The chart record a practice keeps. PHI: row-level security keyed on practice_id. */
export const patients = pgTable(
  'patients',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    practiceId: uuid('practice_id')
      .notNull()
      .references(() => practices.id),
    mrn: text('mrn').notNull(),
    firstName: text('first_name').notNull(),
    lastName: text('last_name').notNull(),
    preferredName: text('preferred_name'),
    dateOfBirth: date('date_of_birth', { mode: 'string' }).notNull(),
    sex: text('sex', { enum: ['female', 'male', 'other', 'unknown'] })
      .notNull()
      .default('unknown'),
    email: text('email'),
    phone: text('phone'),
    /** Digits only, for search by any formatting of the number. */
    phoneDigits: text('phone_digits'),
    addressLine1: text('address_line1'),
    addressLine2: text('address_line2'),
    city: text('city'),
    region: text('region'),
    postalCode: text('postal_code'),
    primaryProviderId: uuid('primary_provider_id').references(() => providers.id),
    primaryLocationId: uuid('primary_location_id').references(() => locations.id),
    endDate: date('end_date', { mode: 'string' }),
    endReason: text('end_reason'),
    version: integer('version').notNull().default(1),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
    // Lowercased copies for search, kept by PostgreSQL. Plain columns (not lower() expressions) so a
    // search's range conditions use only leakproof operators: under row-level security PostgreSQL
    // uses an index for a condition only when it is leakproof, and lower() and LIKE are not.
    searchLastName: text('search_last_name').generatedAlwaysAs(sql`lower(last_name)`),
    searchFirstName: text('search_first_name').generatedAlwaysAs(sql`lower(first_name)`),
    searchPreferredName: text('search_preferred_name').generatedAlwaysAs(
      sql`lower(preferred_name)`,
    ),
    searchEmail: text('search_email').generatedAlwaysAs(sql`lower(email)`),
    searchMrn: text('search_mrn').generatedAlwaysAs(sql`lower(mrn)`),
  },
  (t) => [
    uniqueIndex('patients_practice_mrn_key').on(t.practiceId, t.mrn),
    // text_pattern_ops: byte-wise order, so prefix ranges (~>=~, ~<~) and the list order use them.
    index('patients_practice_name_idx').on(
      t.practiceId,
      sql`${t.searchLastName} text_pattern_ops`,
      sql`${t.searchFirstName} text_pattern_ops`,
      t.id,
    ),
    index('patients_practice_first_name_idx').on(
      t.practiceId,
      sql`${t.searchFirstName} text_pattern_ops`,
    ),
    index('patients_practice_preferred_name_idx').on(
      t.practiceId,
      sql`${t.searchPreferredName} text_pattern_ops`,
    ),
    index('patients_practice_mrn_search_idx').on(
      t.practiceId,
      sql`${t.searchMrn} text_pattern_ops`,
    ),
    index('patients_practice_dob_idx').on(t.practiceId, t.dateOfBirth),
    index('patients_practice_email_idx').on(t.practiceId, sql`${t.searchEmail} text_pattern_ops`),
    index('patients_practice_phone_idx').on(t.practiceId, t.phoneDigits),
  ],
);

/** Per-practice MRN counter, so generated MRNs never collide even under concurrent creates. */
export const mrnCounters = pgTable('mrn_counters', {
  practiceId: uuid('practice_id')
    .primaryKey()
    .references(() => practices.id),
  lastValue: integer('last_value').notNull().default(0),
});
