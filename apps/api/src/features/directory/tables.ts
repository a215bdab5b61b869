import { boolean, index, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { practices } from '../practices/tables.ts';

export const providers = pgTable(
  'providers',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    practiceId: uuid('practice_id')
      .notNull()
      .references(() => practices.id),
    displayName: text('display_name').notNull(),
    credentials: text('credentials'),
    specialty: text('specialty'),
    active: boolean('active').notNull().default(true),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('providers_practice_idx').on(t.practiceId, t.displayName)],
);

export const locations = pgTable(
  'locations',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    practiceId: uuid('practice_id')
      .notNull()
      .references(() => practices.id),
    name: text('name').notNull(),
    addressLine1: text('address_line1'),
    city: text('city'),
    region: text('region'),
    postalCode: text('postal_code'),
    phone: text('phone'),
    timeZone: text('time_zone').notNull(),
    active: boolean('active').notNull().default(true),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('locations_practice_idx').on(t.practiceId, t.name)],
);
