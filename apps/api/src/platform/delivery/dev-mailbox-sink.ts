import type { Database, Tx } from '../db/database.ts';
import type { Clock } from '../clock.ts';
import type { OutboxPayload } from '../outbox/tables.ts';
import { devMailbox } from '../outbox/tables.ts';

/**
 * The embedded default's "delivery": the message is stored in `dev_mailbox`, where the practice's
 * staff read it in the console. A practice's row is written as that tenant (row-level security
 * checks it); a message without a practice is written as the system.
 */
export function createDevMailboxSink(db: Database, clock: Clock) {
  return {
    async deliver(message: OutboxPayload, practiceId: string | null): Promise<void> {
      const row = {
        practiceId,
        channel: message.channel,
        to: message.to,
        subject: message.channel === 'email' ? message.subject : null,
        text: message.text,
        html: message.channel === 'email' ? (message.html ?? null) : null,
        deliveredAt: clock.now(),
      };
      const insert = async (tx: Tx) => {
        await tx.insert(devMailbox).values(row);
      };
      if (practiceId) await db.tenant(practiceId, insert);
      else await db.system(insert);
    },
  };
}
