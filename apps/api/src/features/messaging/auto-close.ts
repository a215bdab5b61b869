import { sql } from 'drizzle-orm';
import type { Database } from '../../platform/db/database.ts';
import type { Clock } from '../../platform/clock.ts';
import { systemMeta } from '../../platform/auth/context.ts';
import { writeAudit } from '../../platform/audit/audit.ts';
import { defaultMessagingSettings } from './settings.ts';

/** Advisory lock key of the sweep: one process closes threads at a time. */
export const autoCloseLockKey = 4_104_004;
const batchSize = 500;

/**
 * Closes threads whose practice's auto-close hours have passed since the last staff message
 * with no patient reply (status `waiting`; a patient reply makes it `open`). The SQL is the rule
 * `autoCloseDue` (rules.ts) over the table. Idempotent: a closed thread is never touched again,
 * so a repeated or concurrent run closes nothing twice; under `db.exclusive` only one process
 * sweeps at a time. Each closing is audited as the system's act. Returns how many it closed.
 */
export async function closeDueThreads(db: Database, now: Date): Promise<number> {
  const defaultHours = defaultMessagingSettings.autoCloseHours;
  return db.exclusive(autoCloseLockKey, async () => {
    let closed = 0;
    for (;;) {
      const rows = await db.system(async (tx) => {
        const { rows } = await tx.execute<{
          id: string;
          practice_id: string;
          patient_id: string;
        }>(sql`
          update message_threads t
             set status = 'closed', closed_at = ${now.toISOString()}::timestamptz, closed_by = 'auto'
           where t.id in (
             select w.id
               from message_threads w
               left join messaging_settings s on s.practice_id = w.practice_id
              where w.status = 'waiting'
                and coalesce(s.auto_close_hours, ${defaultHours}) > 0
                and w.last_message_at <= ${now.toISOString()}::timestamptz
                      - make_interval(hours => coalesce(s.auto_close_hours, ${defaultHours}))
              order by w.last_message_at
              limit ${batchSize}
              for update of w skip locked)
             and t.status = 'waiting'
          returning t.id, t.practice_id, t.patient_id`);
        const byPractice = new Map<string, typeof rows>();
        for (const row of rows) {
          byPractice.set(row.practice_id, [...(byPractice.get(row.practice_id) ?? []), row]);
        }
        for (const [practiceId, closed] of byPractice) {
          await writeAudit(
            tx,
            { practiceId, actorType: 'system', actorId: null, meta: systemMeta },
            now,
            ...closed.map((row) => ({
              action: 'message_thread.auto_close',
              entityType: 'message_thread',
              entityId: row.id,
              patientId: row.patient_id,
            })),
          );
        }
        return rows;
      });
      closed += rows.length;
      if (rows.length < batchSize) return closed;
    }
  });
}

/** The worker's periodic task: sweep at most once a minute per process. */
export function autoCloseTask(db: Database, clock: Clock) {
  return {
    name: 'message auto-close',
    everyMs: 60_000,
    run: async (): Promise<void> => {
      await closeDueThreads(db, clock.now());
    },
  };
}
