import { and, eq, sql } from 'drizzle-orm';
import type { MessageTopic } from '@portico/contracts';
import type { Tx } from '../../platform/db/database.ts';
import { enqueueJob } from '../../platform/outbox/enqueue.ts';
import { writeAudit, type AuditActor } from '../../platform/audit/audit.ts';
import { systemMeta } from '../../platform/auth/context.ts';
import { messageAttachments, messages, messageThreads } from './tables.ts';

/** A file already written to storage, to be attached to a message. */
export interface StoredAttachment {
  storageKey: string;
  fileName: string;
  contentType: string;
  sizeBytes: number;
}

export type Author =
  { kind: 'staff'; staffUserId: string } | { kind: 'patient'; accountId: string };

/** Job kinds queued by a new message (handled in notifications.ts). */
export const patientNoticeJob = 'message_patient_notice';
export const staffNoticeJob = 'message_staff_notice';

const previewLength = 140;

/** The inbox preview of a body: whitespace collapsed, at most 140 code points. */
export function previewOf(body: string): string {
  const flat = body.replace(/\s+/g, ' ').trim();
  const points = Array.from(flat);
  return points.length <= previewLength ? flat : `${points.slice(0, previewLength - 1).join('')}…`;
}

/**
 * Adds a message to a thread and keeps the thread's inbox columns in step, in the caller's
 * transaction: a staff message leaves the thread waiting on the patient and counts as unread for
 * them; a patient message reopens the question for the practice. Queues the other side's notice.
 */
export async function appendMessage(
  tx: Tx,
  input: {
    practiceId: string;
    threadId: string;
    patientId: string;
    author: Author;
    body: string;
    attachments: StoredAttachment[];
    now: Date;
  },
): Promise<{ messageId: string }> {
  const { practiceId, threadId, author, now } = input;
  const [message] = await tx
    .insert(messages)
    .values({
      practiceId,
      threadId,
      author: author.kind,
      staffUserId: author.kind === 'staff' ? author.staffUserId : null,
      accountId: author.kind === 'patient' ? author.accountId : null,
      body: input.body,
      createdAt: now,
    })
    .returning({ id: messages.id });
  if (!message) throw new Error('appendMessage: insert returned nothing');
  if (input.attachments.length > 0) {
    await tx.insert(messageAttachments).values(
      input.attachments.map((a, position) => ({
        practiceId,
        messageId: message.id,
        threadId,
        storageKey: a.storageKey,
        fileName: a.fileName,
        contentType: a.contentType,
        sizeBytes: a.sizeBytes,
        position,
        createdAt: now,
      })),
    );
  }
  const fromStaff = author.kind === 'staff';
  await tx
    .update(messageThreads)
    .set({
      status: fromStaff ? 'waiting' : 'open',
      lastMessageAt: now,
      lastMessagePreview: previewOf(input.body),
      lastMessageAuthor: author.kind,
      ...(fromStaff
        ? { patientUnread: sql`${messageThreads.patientUnread} + 1` }
        : { staffUnread: sql`${messageThreads.staffUnread} + 1` }),
    })
    .where(and(eq(messageThreads.practiceId, practiceId), eq(messageThreads.id, threadId)));
  await enqueueJob(
    tx,
    practiceId,
    fromStaff ? patientNoticeJob : staffNoticeJob,
    { threadId, patientId: input.patientId, messageId: message.id },
    now,
  );
  return { messageId: message.id };
}

export interface NewThread {
  practiceId: string;
  patientId: string;
  subject: string;
  topic: MessageTopic | null;
  providerId: string | null;
  locationId: string | null;
  author: Author;
  body: string;
  attachments: StoredAttachment[];
  now: Date;
}

/** Creates a thread with its first message (the caller has checked who may start it). */
export async function insertThread(
  tx: Tx,
  input: NewThread,
): Promise<{ threadId: string; messageId: string }> {
  const { now } = input;
  const [thread] = await tx
    .insert(messageThreads)
    .values({
      practiceId: input.practiceId,
      patientId: input.patientId,
      subject: input.subject,
      topic: input.topic,
      status: 'open',
      startedBy: input.author.kind,
      providerId: input.providerId,
      locationId: input.locationId,
      createdAt: now,
      lastMessageAt: now,
      lastMessagePreview: '',
      lastMessageAuthor: input.author.kind,
    })
    .returning({ id: messageThreads.id });
  if (!thread) throw new Error('insertThread: insert returned nothing');
  const { messageId } = await appendMessage(tx, {
    practiceId: input.practiceId,
    threadId: thread.id,
    patientId: input.patientId,
    author: input.author,
    body: input.body,
    attachments: input.attachments,
    now,
  });
  return { threadId: thread.id, messageId };
}

/**
 * Bulk messages' entry point (bulk-service.ts): a staff-started thread without attachments, with
 * its audit event. The caller has checked that the patient may receive messages.
 */
export type StartThreadAsStaff = (
  tx: Tx,
  input: {
    practiceId: string;
    staffUserId: string;
    patientId: string;
    subject: string;
    body: string;
    providerId: string | null;
    locationId: string | null;
    now: Date;
  },
) => Promise<{ threadId: string; messageId: string }>;

export const startThreadAsStaff: StartThreadAsStaff = async (tx, input) => {
  const created = await insertThread(tx, {
    ...input,
    topic: null,
    author: { kind: 'staff', staffUserId: input.staffUserId },
    attachments: [],
  });
  const actor: AuditActor = {
    practiceId: input.practiceId,
    actorType: 'staff',
    actorId: input.staffUserId,
    meta: systemMeta,
  };
  await writeAudit(tx, actor, input.now, {
    action: 'message_thread.create',
    entityType: 'message_thread',
    entityId: created.threadId,
    patientId: input.patientId,
    details: { messageId: created.messageId, bulk: true },
  });
  return created;
};
