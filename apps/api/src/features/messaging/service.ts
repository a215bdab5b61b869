import { and, eq } from 'drizzle-orm';
import type { z } from 'zod';
import type {
  InboxPage,
  InboxQuery,
  InboxThread,
  MessagingSettings,
  messagingSettingsUpdate,
  SentMessage,
  StaffThreadDetail,
  staffNewThreadFields,
} from '@portico/contracts';
import type { StaffContext } from '../../platform/auth/context.ts';
import { requirePermission } from '../../platform/auth/roles.ts';
import { staffActor, writeAudit } from '../../platform/audit/audit.ts';
import type { Tx } from '../../platform/db/database.ts';
import { AppError, notFound, validation } from '../../platform/errors.ts';
import type { DirectoryService } from '../directory/service.ts';
import type { PracticeService } from '../practices/service.ts';
import { patientBriefInTx } from '../patients/lookups.ts';
import { accountsWithAccessInTx } from '../portal-accounts/access-queries.ts';
import type { IncomingFile } from './attachment-intake.ts';
import { assertSendableBody, threadReadOnly } from './message-checks.ts';
import {
  inboxPageInTx,
  markReadInTx,
  patientName,
  staffUnreadThreadsInTx,
  threadInTx,
  threadMessagesInTx,
  type ThreadRecord,
} from './queries.ts';
import type { Sender, SendingDeps } from './sending.ts';
import { messagingSettingsInTx, saveMessagingSettingsInTx } from './settings.ts';
import { messageThreads } from './tables.ts';
import { appendMessage, insertThread } from './thread-writes.ts';
import { attachmentInTx, sentMessageInTx } from './views.ts';

export interface MessagingDeps extends Pick<SendingDeps, 'db' | 'clock'> {
  send: Sender;
  practices: Pick<PracticeService, 'activeStaffOf'>;
  directory: Pick<DirectoryService, 'missingReferencesInTx'>;
}

type StaffNewThread = z.output<typeof staffNewThreadFields>;

/** The practice side of messaging: inbox, threads, replies, assignment, settings. */
export function createMessagingService({ db, clock, send, practices, directory }: MessagingDeps) {
  async function threadOrNotFound(tx: Tx, ctx: StaffContext, id: string): Promise<ThreadRecord> {
    const thread = await threadInTx(tx, ctx.practiceId, id);
    if (!thread) throw notFound('Conversation');
    return thread;
  }

  const inboxView = (thread: ThreadRecord): InboxThread => ({
    ...thread.view,
    unreadCount: thread.row.staffUnread,
    patient: thread.patient,
    assignee: thread.assignee,
  });

  async function inbox(ctx: StaffContext, q: InboxQuery): Promise<InboxPage> {
    requirePermission(ctx, 'messages.read');
    return db.tenantRead(ctx.practiceId, async (tx) => {
      const page = await inboxPageInTx(tx, ctx.practiceId, ctx.staffUserId, q);
      await writeAudit(tx, staffActor(ctx), clock.now(), {
        action: 'message_inbox.read',
        entityType: 'message_thread',
        details: { filter: q.filter, count: page.items.length, searched: Boolean(q.q) },
      });
      return page;
    });
  }

  /** A thread and its messages; opening it marks the patient's messages read (read receipts). */
  async function thread(ctx: StaffContext, id: string): Promise<StaffThreadDetail> {
    requirePermission(ctx, 'messages.read');
    const now = clock.now();
    return db.tenant(ctx.practiceId, async (tx) => {
      const found = await threadOrNotFound(tx, ctx, id);
      await markReadInTx(tx, ctx.practiceId, found.row, 'staff', now);
      const messages = await threadMessagesInTx(tx, ctx.practiceId, id, found.patient.name);
      await writeAudit(tx, staffActor(ctx), now, {
        action: 'message_thread.read',
        entityType: 'message_thread',
        entityId: id,
        patientId: found.patient.id,
        details: { messages: messages.length },
      });
      return {
        ...inboxView(found),
        unreadCount: 0,
        readOnlyReason: found.readOnlyReason,
        messages,
      };
    });
  }

  async function start(
    ctx: StaffContext,
    fields: StaffNewThread,
    files: IncomingFile[],
    idempotencyKey: string,
  ): Promise<SentMessage> {
    requirePermission(ctx, 'messages.send');
    assertSendableBody(fields.body, 'staff');
    return send({
      practiceId: ctx.practiceId,
      actor: `staff:${ctx.staffUserId}`,
      idempotencyKey,
      request: { route: 'staff.start', ...fields },
      files,
      write: async (tx, storeFiles, now) => {
        const patient = await patientBriefInTx(tx, ctx.practiceId, fields.patientId);
        if (!patient) throw notFound('Patient');
        if (patient.endDate !== null) throw threadReadOnly('end_dated');
        if ((await accountsWithAccessInTx(tx, ctx.practiceId, patient.id)).length === 0) {
          throw new AppError(
            'CONFLICT',
            'This patient has no portal account yet. Send them a portal invitation first.',
          );
        }
        const missing = await directory.missingReferencesInTx(tx, ctx.practiceId, {
          providerIds: fields.providerId ? [fields.providerId] : [],
          locationIds: fields.locationId ? [fields.locationId] : [],
        });
        if (missing.providerIds.size + missing.locationIds.size > 0) {
          throw validation('Choose a provider and location of this practice.');
        }
        const created = await insertThread(tx, {
          practiceId: ctx.practiceId,
          patientId: patient.id,
          subject: fields.subject,
          topic: null,
          providerId: fields.providerId ?? null,
          locationId: fields.locationId ?? null,
          author: { kind: 'staff', staffUserId: ctx.staffUserId },
          body: fields.body,
          attachments: await storeFiles(),
          now,
        });
        await writeAudit(tx, staffActor(ctx), now, {
          action: 'message_thread.create',
          entityType: 'message_thread',
          entityId: created.threadId,
          patientId: patient.id,
          details: { messageId: created.messageId, attachments: files.length },
        });
        return sentMessageInTx(tx, ctx.practiceId, created, patientName(patient));
      },
    });
  }

  async function reply(
    ctx: StaffContext,
    threadId: string,
    body: string,
    files: IncomingFile[],
    idempotencyKey: string,
  ): Promise<SentMessage> {
    requirePermission(ctx, 'messages.send');
    assertSendableBody(body, 'staff');
    return send({
      practiceId: ctx.practiceId,
      actor: `staff:${ctx.staffUserId}`,
      idempotencyKey,
      request: { route: 'staff.reply', threadId, body },
      files,
      write: async (tx, storeFiles, now) => {
        await lockThread(tx, ctx.practiceId, threadId);
        const found = await threadOrNotFound(tx, ctx, threadId);
        if (found.readOnlyReason) throw threadReadOnly(found.readOnlyReason);
        const created = await appendMessage(tx, {
          practiceId: ctx.practiceId,
          threadId,
          patientId: found.patient.id,
          author: { kind: 'staff', staffUserId: ctx.staffUserId },
          body,
          attachments: await storeFiles(),
          now,
        });
        await writeAudit(tx, staffActor(ctx), now, {
          action: 'message.create',
          entityType: 'message',
          entityId: created.messageId,
          patientId: found.patient.id,
          details: { threadId, attachments: files.length },
        });
        return sentMessageInTx(tx, ctx.practiceId, { threadId, ...created }, found.patient.name);
      },
    });
  }

  /** Changes a thread's assignee, status, … under a row lock; audited. */
  async function changeThread(
    ctx: StaffContext,
    id: string,
    action: string,
    change: (found: ThreadRecord) => Partial<typeof messageThreads.$inferInsert>,
  ): Promise<InboxThread> {
    requirePermission(ctx, 'messages.send');
    const now = clock.now();
    return db.tenant(ctx.practiceId, async (tx) => {
      await lockThread(tx, ctx.practiceId, id);
      const found = await threadOrNotFound(tx, ctx, id);
      const values = change(found);
      await tx
        .update(messageThreads)
        .set(values)
        .where(and(eq(messageThreads.practiceId, ctx.practiceId), eq(messageThreads.id, id)));
      await writeAudit(tx, staffActor(ctx), now, {
        action,
        entityType: 'message_thread',
        entityId: id,
        patientId: found.patient.id,
        details: { status: values.status ?? found.row.status },
      });
      return inboxView(await threadOrNotFound(tx, ctx, id));
    });
  }

  async function assign(ctx: StaffContext, id: string, staffUserId: string | null) {
    if (staffUserId !== null) {
      const staff = await practices.activeStaffOf(ctx.practiceId);
      if (!staff.some((s) => s.id === staffUserId)) {
        throw validation('Choose an active staff member of this practice.', [
          { path: 'staffUserId', message: 'Not an active staff member here.' },
        ]);
      }
    }
    return changeThread(ctx, id, 'message_thread.assign', () => ({
      assigneeStaffId: staffUserId,
    }));
  }

  const close = (ctx: StaffContext, id: string) =>
    changeThread(ctx, id, 'message_thread.close', (found) => {
      if (found.row.status === 'closed')
        throw new AppError('CONFLICT', 'This conversation is already closed.');
      return { status: 'closed', closedAt: clock.now(), closedBy: 'staff' };
    });

  /** Reopening starts no auto-close clock: that waits for the next staff message. */
  const reopen = (ctx: StaffContext, id: string) =>
    changeThread(ctx, id, 'message_thread.reopen', (found) => {
      if (found.readOnlyReason === 'end_dated') throw threadReadOnly('end_dated');
      if (found.row.status !== 'closed')
        throw new AppError('CONFLICT', 'This conversation is open.');
      return { status: 'open', closedAt: null, closedBy: null };
    });

  /** An attachment to download: authorised (RLS + permission) and audited as a PHI read. */
  async function attachment(ctx: StaffContext, id: string) {
    requirePermission(ctx, 'messages.read');
    return db.tenant(ctx.practiceId, async (tx) => {
      const file = await attachmentInTx(tx, ctx.practiceId, id);
      if (!file) throw notFound('Attachment');
      await writeAudit(tx, staffActor(ctx), clock.now(), {
        action: 'message_attachment.download',
        entityType: 'message_attachment',
        entityId: id,
        patientId: file.patientId,
        details: { threadId: file.threadId },
      });
      return file;
    });
  }

  async function unread(ctx: StaffContext): Promise<{ unreadThreads: number }> {
    requirePermission(ctx, 'messages.read');
    return db.tenantRead(ctx.practiceId, async (tx) => ({
      unreadThreads: await staffUnreadThreadsInTx(tx, ctx.practiceId),
    }));
  }

  async function settings(ctx: StaffContext): Promise<MessagingSettings> {
    requirePermission(ctx, 'messages.read');
    return db.tenantRead(ctx.practiceId, (tx) => messagingSettingsInTx(tx, ctx.practiceId));
  }

  async function saveSettings(
    ctx: StaffContext,
    input: z.output<typeof messagingSettingsUpdate>,
  ): Promise<MessagingSettings> {
    requirePermission(ctx, 'settings.write');
    const now = clock.now();
    return db.tenant(ctx.practiceId, async (tx) => {
      const { before, after } = await saveMessagingSettingsInTx(tx, ctx.practiceId, input, now);
      await writeAudit(tx, staffActor(ctx), now, {
        action: 'messaging_settings.update',
        entityType: 'practice',
        entityId: ctx.practiceId,
        details: {
          policy: [before.policy, after.policy],
          autoCloseHours: [before.autoCloseHours, after.autoCloseHours],
          bannerChanged: before.guidelineBanner !== after.guidelineBanner,
        },
      });
      return after;
    });
  }

  return {
    inbox,
    thread,
    start,
    reply,
    assign,
    close,
    reopen,
    attachment,
    unread,
    settings,
    saveSettings,
  };
}

/** Serialises writes to one thread (a reply racing a close, two replies' counters). */
export async function lockThread(tx: Tx, practiceId: string, id: string): Promise<void> {
  await tx
    .select({ id: messageThreads.id })
    .from(messageThreads)
    .where(and(eq(messageThreads.practiceId, practiceId), eq(messageThreads.id, id)))
    .for('update');
}

export type MessagingService = ReturnType<typeof createMessagingService>;
