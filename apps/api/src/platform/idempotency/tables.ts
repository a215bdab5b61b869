import {
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uuid,
} from 'drizzle-orm/pg-core';
import { practices } from '../../features/practices/tables.ts';

const at = (name: string) => timestamp(name, { withTimezone: true });

/**
 * Idempotency-Key records (POLICY.md: replay the first result for 24 hours; another body → 422;
 * still in flight → 409). Written in the same transaction as the message, so a key is "done"
 * exactly when its message exists.
 */
export const idempotencyKeys = pgTable(
  'idempotency_keys',
  {
    practiceId: uuid('practice_id')
      .notNull()
      .references(() => practices.id),
    /** `staff:<id>` or `portal:<account id>`: keys are per caller. */
    actor: text('actor').notNull(),
    key: text('key').notNull(),
    requestHash: text('request_hash').notNull(),
    responseStatus: integer('response_status').notNull(),
    responseBody: jsonb('response_body').notNull(),
    createdAt: at('created_at').notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.practiceId, t.actor, t.key] }),
    index('idempotency_keys_created_idx').on(t.createdAt),
  ],
);
