import { pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';

/** The tenant. Not PHI: name, slug and branding are shown to anyone holding a portal link. */
export const practices = pgTable('practices', {
  id: uuid('id').primaryKey().defaultRandom(),
  slug: text('slug').notNull().unique(),
  name: text('name').notNull(),
  timeZone: text('time_zone').notNull().default('America/New_York'),
  phone: text('phone'),
  logoUrl: text('logo_url'),
  mrnPrefix: text('mrn_prefix').notNull().default('P'),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
});
