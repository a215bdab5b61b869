import { sql } from 'drizzle-orm';
import { check, integer, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';

/** The tenant. Not PHI: name, slug and branding are shown to anyone holding a portal link. */
export const practices = pgTable(
  'practices',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    slug: text('slug').notNull().unique(),
    name: text('name').notNull(),
    timeZone: text('time_zone').notNull().default('America/New_York'),
    phone: text('phone'),
    logoUrl: text('logo_url'),
    mrnPrefix: text('mrn_prefix').notNull().default('P'),
    /** How long a portal invitation link works (POLICY.md: default 7 days, 1 hour – 30 days). */
    invitationLifetimeHours: integer('invitation_lifetime_hours').notNull().default(168),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    check(
      'practices_invitation_lifetime_hours_range',
      sql`${t.invitationLifetimeHours} between 1 and 720`,
    ),
  ],
);
