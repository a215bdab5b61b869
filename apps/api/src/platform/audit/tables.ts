import { bigserial, index, jsonb, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';

/** Append-only (a trigger refuses UPDATE, DELETE and TRUNCATE). Kept at least 6 years. */
export const auditEvents = pgTable(
  'audit_events',
  {
    id: bigserial('id', { mode: 'bigint' }).primaryKey(),
    practiceId: uuid('practice_id'),
    occurredAt: timestamp('occurred_at', { withTimezone: true }).notNull(),
    actorType: text('actor_type', { enum: ['staff', 'portal_account', 'system'] }).notNull(),
    actorId: uuid('actor_id'),
    /** The patient whose data was read or changed (or on whose behalf a proxy acted). */
    patientId: uuid('patient_id'),
    action: text('action').notNull(),
    entityType: text('entity_type').notNull(),
    entityId: text('entity_id'),
    outcome: text('outcome', { enum: ['success', 'denied', 'failure'] }).notNull(),
    ip: text('ip'),
    userAgent: text('user_agent'),
    requestId: text('request_id'),
    details: jsonb('details').$type<Record<string, unknown>>(),
  },
  (t) => [
    index('audit_practice_time_idx').on(t.practiceId, t.occurredAt),
    index('audit_practice_patient_idx').on(t.practiceId, t.patientId, t.occurredAt),
    index('audit_practice_actor_idx').on(t.practiceId, t.actorId, t.occurredAt),
  ],
);
