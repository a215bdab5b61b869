import { and, eq, gt, inArray, sql } from 'drizzle-orm';
import type { Database, Tx } from '../../platform/db/database.ts';
import type { Clock } from '../../platform/clock.ts';
import type { JobHandler, JobRun } from '../../platform/outbox/job-handlers.ts';
import { enqueueNotification } from '../../platform/outbox/enqueue.ts';
import type { PracticeService } from '../practices/service.ts';
import {
  accountContactsInSystemTx,
  accountsWithAccessInTx,
} from '../portal-accounts/access-queries.ts';
import { messageNotificationPreferences, messageThreads } from './tables.ts';
import { patientNoticeEmail, patientNoticeSms, staffNoticeEmail } from './notice-texts.ts';

export interface NoticeDeps {
  db: Database;
  clock: Clock;
  practices: Pick<PracticeService, 'settingsInTx' | 'activeStaffOf'>;
  publicUrl: string;
}

/** The roles told about unassigned patient messages (assigned ones go to the assignee). */
const triageRoles = new Set(['admin', 'front_desk']);

function threadIdOf(job: JobRun): string {
  const threadId = job.payload.threadId;
  if (typeof threadId !== 'string' || !job.practiceId) throw new Error('bad message notice job');
  return threadId;
}

async function threadInSystemTx(tx: Tx, practiceId: string, threadId: string) {
  const [row] = await tx
    .select()
    .from(messageThreads)
    .where(and(eq(messageThreads.practiceId, practiceId), eq(messageThreads.id, threadId)));
  return row;
}

/**
 * Notices that a message is waiting: never its subject, body, the patient's name or anything
 * else about care — the practice's name and a link to sign in. One notice per unread streak: a
 * second message before the first was read adds nothing (the first notice already says so), and
 * a message read before the worker got to it sends nothing.
 */
export function createMessageNotices({ db, clock, practices, publicUrl }: NoticeDeps) {
  const patientNotice: JobHandler = async (job) => {
    const threadId = threadIdOf(job);
    const practiceId = job.practiceId ?? '';
    await db.system(async (tx) => {
      const thread = await threadInSystemTx(tx, practiceId, threadId);
      if (!thread || thread.patientUnread !== 1) return;
      const accountIds = await accountsWithAccessInTx(tx, practiceId, thread.patientId);
      if (accountIds.length === 0) return;
      const prefs = await tx
        .select()
        .from(messageNotificationPreferences)
        .where(
          and(
            eq(messageNotificationPreferences.practiceId, practiceId),
            inArray(messageNotificationPreferences.accountId, accountIds),
          ),
        );
      const practice = await practices.settingsInTx(tx, practiceId);
      const link = `${publicUrl}/portal/messages/${threadId}`;
      const now = clock.now();
      const reference = `message_thread:${threadId}`;
      for (const contact of await accountContactsInSystemTx(tx, accountIds)) {
        const channel = prefs.find((p) => p.accountId === contact.id)?.channel ?? 'email';
        const sms = channel !== 'email' && contact.phone !== null;
        // SMS chosen but no verified phone: fall back to email rather than say nothing.
        if (channel !== 'sms' || !sms) {
          const email = patientNoticeEmail(practice.name, link);
          await enqueueNotification(
            tx,
            practiceId,
            { channel: 'email', to: contact.email, ...email },
            now,
            {
              reference,
            },
          );
        }
        if (sms && contact.phone) {
          await enqueueNotification(
            tx,
            practiceId,
            { channel: 'sms', to: contact.phone, text: patientNoticeSms(practice.name, link) },
            now,
            { reference },
          );
        }
      }
    });
    return 'done';
  };

  /** The staff side: a digest of how many conversations have unread patient messages. */
  const staffNotice: JobHandler = async (job) => {
    const threadId = threadIdOf(job);
    const practiceId = job.practiceId ?? '';
    const staff = await practices.activeStaffOf(practiceId);
    await db.system(async (tx) => {
      const thread = await threadInSystemTx(tx, practiceId, threadId);
      if (!thread || thread.staffUnread !== 1) return;
      const recipients = thread.assigneeStaffId
        ? staff.filter((s) => s.id === thread.assigneeStaffId)
        : staff.filter((s) => triageRoles.has(s.role));
      const [counts] = await tx
        .select({ unread: sql<number>`count(*)::int` })
        .from(messageThreads)
        .where(and(eq(messageThreads.practiceId, practiceId), gt(messageThreads.staffUnread, 0)));
      const practice = await practices.settingsInTx(tx, practiceId);
      const link = `${publicUrl}/practice/messages`;
      const now = clock.now();
      for (const person of recipients) {
        const email = staffNoticeEmail(practice.name, counts?.unread ?? 1, link);
        await enqueueNotification(
          tx,
          practiceId,
          { channel: 'email', to: person.email, ...email },
          now,
          {
            reference: `message_thread:${threadId}`,
          },
        );
      }
    });
    return 'done';
  };

  return { patientNotice, staffNotice };
}
