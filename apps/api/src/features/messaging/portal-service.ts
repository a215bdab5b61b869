import { and, eq, isNotNull } from 'drizzle-orm';
import type { z } from 'zod';
import type {
  ComposeOptions,
  NotificationChannel,
  patientNewThreadFields,
  PortalThreadDetail,
  PortalThreadPage,
  SentMessage,
} from '@portico/contracts';
import { messageTopics } from '@portico/contracts';
import type { PortalContext } from '../../platform/auth/context.ts';
import { writeAudit } from '../../platform/audit/audit.ts';
import type { Tx } from '../../platform/db/database.ts';
import { AppError, notFound, validation } from '../../platform/errors.ts';
import type { DirectoryService } from '../directory/service.ts';
import { patientBriefInTx } from '../patients/lookups.ts';
import { portalActor } from '../portal-accounts/portal-actor.ts';
import type { IncomingFile } from './attachment-intake.ts';
import { assertSendableBody, threadReadOnly } from './message-checks.ts';
import {
  markReadInTx,
  patientName,
  patientThreadPageInTx,
  patientUnreadThreadsInTx,
  threadInTx,
  threadMessagesInTx,
  type ThreadRecord,
} from './queries.ts';
import { mayStartThread } from './rules.ts';
import type { Sender, SendingDeps } from './sending.ts';
import { lockThread } from './service.ts';
import { messagingSettingsInTx } from './settings.ts';
import { messageNotificationPreferences, messageThreads } from './tables.ts';
import { topicLabels } from './topics.ts';
import { appendMessage, insertThread } from './thread-writes.ts';
import { attachmentInTx, sentMessageInTx } from './views.ts';

export interface PortalMessagingDeps extends Pick<SendingDeps, 'db' | 'clock'> {
  send: Sender;
  directory: Pick<DirectoryService, 'activeDirectoryInTx'>;
}

/** The patient in use: the portal guard's context, narrowed by portalPatientOf. */
export type PatientCtx = PortalContext & { practiceId: string; patientId: string };

type PatientNewThread = z.output<typeof patientNewThreadFields>;

const actorOf = (ctx: PatientCtx) => portalActor(ctx.accountId, ctx.practiceId, ctx.meta);

/** The providers a patient "has seen": their primary provider and those of their earlier threads. */
async function theirProviderIdsInTx(tx: Tx, ctx: PatientCtx): Promise<Set<string>> {
  const patient = await patientBriefInTx(tx, ctx.practiceId, ctx.patientId);
  const earlier = await tx
    .selectDistinct({ providerId: messageThreads.providerId })
    .from(messageThreads)
    .where(
      and(
        eq(messageThreads.practiceId, ctx.practiceId),
        eq(messageThreads.patientId, ctx.patientId),
        isNotNull(messageThreads.providerId),
      ),
    );
  const ids = new Set(earlier.flatMap((r) => (r.providerId ? [r.providerId] : [])));
  if (patient?.primaryProviderId) ids.add(patient.primaryProviderId);
  return ids;
}

/** The patient side of messaging: their threads only, replies, new messages when allowed. */
export function createPortalMessagingService({ db, clock, send, directory }: PortalMessagingDeps) {
  async function ownThread(tx: Tx, ctx: PatientCtx, id: string): Promise<ThreadRecord> {
    const found = await threadInTx(tx, ctx.practiceId, id);
    // Another patient's thread is answered exactly like a missing one.
    if (!found || found.patient.id !== ctx.patientId) throw notFound('Conversation');
    return found;
  }

  async function list(
    ctx: PatientCtx,
    q: { cursor?: string | undefined; pageSize: number },
  ): Promise<PortalThreadPage> {
    return db.tenantRead(ctx.practiceId, async (tx) => {
      const page = await patientThreadPageInTx(tx, ctx.practiceId, ctx.patientId, q);
      await writeAudit(tx, actorOf(ctx), clock.now(), {
        action: 'message_threads.list',
        entityType: 'message_thread',
        patientId: ctx.patientId,
        details: { count: page.items.length },
      });
      return page;
    });
  }

  async function thread(ctx: PatientCtx, id: string): Promise<PortalThreadDetail> {
    const now = clock.now();
    return db.tenant(ctx.practiceId, async (tx) => {
      const found = await ownThread(tx, ctx, id);
      await markReadInTx(tx, ctx.practiceId, found.row, 'patient', now);
      const messages = await threadMessagesInTx(tx, ctx.practiceId, id, found.patient.name);
      const settings = await messagingSettingsInTx(tx, ctx.practiceId);
      await writeAudit(tx, actorOf(ctx), now, {
        action: 'message_thread.read',
        entityType: 'message_thread',
        entityId: id,
        patientId: ctx.patientId,
        details: { messages: messages.length },
      });
      return {
        ...found.view,
        unreadCount: 0,
        readOnlyReason: found.readOnlyReason,
        guidelineBanner: settings.guidelineBanner,
        messages,
      };
    });
  }

  async function reply(
    ctx: PatientCtx,
    threadId: string,
    body: string,
    files: IncomingFile[],
    idempotencyKey: string,
  ): Promise<SentMessage> {
    assertSendableBody(body, 'patient');
    return send({
      practiceId: ctx.practiceId,
      actor: `portal:${ctx.accountId}`,
      idempotencyKey,
      request: { route: 'portal.reply', patientId: ctx.patientId, threadId, body },
      files,
      write: async (tx, storeFiles, now) => {
        await lockThread(tx, ctx.practiceId, threadId);
        const found = await ownThread(tx, ctx, threadId);
        if (found.readOnlyReason) throw threadReadOnly(found.readOnlyReason);
        const created = await appendMessage(tx, {
          practiceId: ctx.practiceId,
          threadId,
          patientId: ctx.patientId,
          author: { kind: 'patient', accountId: ctx.accountId },
          body,
          attachments: await storeFiles(),
          now,
        });
        await writeAudit(tx, actorOf(ctx), now, {
          action: 'message.create',
          entityType: 'message',
          entityId: created.messageId,
          patientId: ctx.patientId,
          details: { threadId, attachments: files.length },
        });
        return sentMessageInTx(tx, ctx.practiceId, { threadId, ...created }, found.patient.name);
      },
    });
  }

  async function composeOptionsInTx(tx: Tx, ctx: PatientCtx): Promise<ComposeOptions> {
    const settings = await messagingSettingsInTx(tx, ctx.practiceId);
    const active = await directory.activeDirectoryInTx(tx, ctx.practiceId);
    const theirs = await theirProviderIdsInTx(tx, ctx);
    const anyone = settings.policy === 'patients_to_anyone';
    return {
      allowed: settings.policy !== 'practice_only',
      officeStaffAllowed: anyone,
      providers:
        settings.policy === 'practice_only'
          ? []
          : active.providers.filter((p) => anyone || theirs.has(p.id)),
      locations: settings.policy === 'practice_only' ? [] : active.locations,
      topics: [...messageTopics],
      guidelineBanner: settings.guidelineBanner,
    };
  }

  const composeOptions = (ctx: PatientCtx) =>
    db.tenantRead(ctx.practiceId, (tx) => composeOptionsInTx(tx, ctx));

  async function start(
    ctx: PatientCtx,
    fields: PatientNewThread,
    files: IncomingFile[],
    idempotencyKey: string,
  ): Promise<SentMessage> {
    assertSendableBody(fields.body, 'patient');
    return send({
      practiceId: ctx.practiceId,
      actor: `portal:${ctx.accountId}`,
      idempotencyKey,
      request: { route: 'portal.start', patientId: ctx.patientId, ...fields },
      files,
      write: async (tx, storeFiles, now) => {
        const settings = await messagingSettingsInTx(tx, ctx.practiceId);
        const theirs = await theirProviderIdsInTx(tx, ctx);
        const providerId = fields.providerId ?? null;
        const allowed =
          providerId === null
            ? settings.policy === 'patients_to_anyone'
            : mayStartThread(settings.policy, 'patient', {
                providerIsTheirs: theirs.has(providerId),
              });
        if (!allowed) {
          throw new AppError(
            'FORBIDDEN',
            settings.policy === 'practice_only'
              ? 'Your practice starts conversations here; you can reply to any message they send you.'
              : 'You can write to the providers you have seen. Choose one of them.',
          );
        }
        const active = await directory.activeDirectoryInTx(tx, ctx.practiceId);
        if (providerId && !active.providers.some((p) => p.id === providerId)) {
          throw validation('Choose a provider from the list.', [
            { path: 'providerId', message: 'Not a provider of this practice.' },
          ]);
        }
        const locationId = fields.locationId ?? null;
        if (locationId && !active.locations.some((l) => l.id === locationId)) {
          throw validation('Choose an office location from the list.', [
            { path: 'locationId', message: 'Not a location of this practice.' },
          ]);
        }
        const patient = await patientBriefInTx(tx, ctx.practiceId, ctx.patientId);
        if (!patient) throw notFound('Patient');
        const created = await insertThread(tx, {
          practiceId: ctx.practiceId,
          patientId: ctx.patientId,
          subject: topicLabels[fields.topic],
          topic: fields.topic,
          providerId,
          locationId: locationId ?? patient.primaryLocationId,
          author: { kind: 'patient', accountId: ctx.accountId },
          body: fields.body,
          attachments: await storeFiles(),
          now,
        });
        await writeAudit(tx, actorOf(ctx), now, {
          action: 'message_thread.create',
          entityType: 'message_thread',
          entityId: created.threadId,
          patientId: ctx.patientId,
          details: { messageId: created.messageId, attachments: files.length, providerId },
        });
        return sentMessageInTx(tx, ctx.practiceId, created, patientName(patient));
      },
    });
  }

  async function attachment(ctx: PatientCtx, id: string) {
    return db.tenant(ctx.practiceId, async (tx) => {
      const file = await attachmentInTx(tx, ctx.practiceId, id);
      if (!file || file.patientId !== ctx.patientId) throw notFound('Attachment');
      await writeAudit(tx, actorOf(ctx), clock.now(), {
        action: 'message_attachment.download',
        entityType: 'message_attachment',
        entityId: id,
        patientId: ctx.patientId,
        details: { threadId: file.threadId },
      });
      return file;
    });
  }

  const unread = (ctx: PatientCtx) =>
    db.tenantRead(ctx.practiceId, async (tx) => ({
      unreadThreads: await patientUnreadThreadsInTx(tx, ctx.practiceId, ctx.patientId),
    }));

  async function notificationChannel(ctx: PatientCtx): Promise<{ channel: NotificationChannel }> {
    return db.tenantRead(ctx.practiceId, async (tx) => {
      const [row] = await tx
        .select({ channel: messageNotificationPreferences.channel })
        .from(messageNotificationPreferences)
        .where(
          and(
            eq(messageNotificationPreferences.practiceId, ctx.practiceId),
            eq(messageNotificationPreferences.accountId, ctx.accountId),
          ),
        );
      return { channel: row?.channel ?? 'email' };
    });
  }

  async function setNotificationChannel(ctx: PatientCtx, channel: NotificationChannel) {
    const now = clock.now();
    return db.tenant(ctx.practiceId, async (tx) => {
      await tx
        .insert(messageNotificationPreferences)
        .values({ practiceId: ctx.practiceId, accountId: ctx.accountId, channel, updatedAt: now })
        .onConflictDoUpdate({
          target: [
            messageNotificationPreferences.practiceId,
            messageNotificationPreferences.accountId,
          ],
          set: { channel, updatedAt: now },
        });
      await writeAudit(tx, actorOf(ctx), now, {
        action: 'notification_preferences.update',
        entityType: 'portal_account',
        entityId: ctx.accountId,
        details: { channel },
      });
      return { channel };
    });
  }

  return {
    list,
    thread,
    reply,
    composeOptions,
    start,
    attachment,
    unread,
    notificationChannel,
    setNotificationChannel,
  };
}

export type PortalMessagingService = ReturnType<typeof createPortalMessagingService>;
