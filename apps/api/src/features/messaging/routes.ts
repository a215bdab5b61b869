import { z } from 'zod';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import {
  assignRequest,
  inboxPage,
  inboxQuery,
  inboxThread,
  messagingSettings,
  messagingSettingsUpdate,
  replyFields,
  sentMessage,
  staffNewThreadFields,
  staffThreadDetail,
  unreadSummary,
  uuid,
} from '@portico/contracts';
import type { AppContext } from '../../app-context.ts';
import { staffOf } from '../../platform/http/staff-guard.ts';
import { idempotencyKeyOf } from '../../platform/idempotency/idempotency.ts';
import { sendStoredFile } from '../../platform/http/file-download.ts';
import { readMessageForm } from './attachment-intake.ts';
import { parseFormFields } from './form-fields.ts';

const idParams = z.strictObject({ id: uuid });
const tags = ['messaging'];
const multipartNote =
  'multipart/form-data: the fields as text parts, up to 10 files as `files` parts; header Idempotency-Key.';

/** The practice console's messaging API. */
export function messagingRoutes(app: AppContext): FastifyPluginAsyncZod {
  const { messaging } = app.services;
  return async (fastify) => {
    const guarded = { preHandler: app.staffGuard };

    fastify.get(
      '/api/practice/messages/threads',
      {
        ...guarded,
        schema: {
          tags,
          summary: 'The practice inbox, newest activity first (keyset pages)',
          querystring: inboxQuery,
          response: { 200: inboxPage },
        },
      },
      async (request) => messaging.inbox(staffOf(request), request.query),
    );

    fastify.post(
      '/api/practice/messages/threads',
      {
        ...guarded,
        schema: {
          tags,
          summary: 'Start a thread with a registered patient',
          description: multipartNote,
          response: { 201: sentMessage },
        },
      },
      async (request, reply) => {
        const ctx = staffOf(request);
        const key = idempotencyKeyOf(request);
        const form = await readMessageForm(request);
        const fields = parseFormFields(staffNewThreadFields, form.fields);
        const sent = await messaging.start(ctx, fields, form.files, key);
        return reply.status(201).send(sent);
      },
    );

    fastify.get(
      '/api/practice/messages/threads/:id',
      {
        ...guarded,
        schema: {
          tags,
          summary: "A thread and its messages (marks the patient's messages read)",
          params: idParams,
          response: { 200: staffThreadDetail },
        },
      },
      async (request) => messaging.thread(staffOf(request), request.params.id),
    );

    fastify.post(
      '/api/practice/messages/threads/:id/messages',
      {
        ...guarded,
        schema: {
          tags,
          summary: 'Reply in a thread',
          description: multipartNote,
          params: idParams,
          response: { 201: sentMessage },
        },
      },
      async (request, reply) => {
        const ctx = staffOf(request);
        const key = idempotencyKeyOf(request);
        const form = await readMessageForm(request);
        const { body } = parseFormFields(replyFields, form.fields);
        const sent = await messaging.reply(ctx, request.params.id, body, form.files, key);
        return reply.status(201).send(sent);
      },
    );

    fastify.put(
      '/api/practice/messages/threads/:id/assignee',
      {
        ...guarded,
        schema: {
          tags,
          summary: 'Assign the thread to a staff member (null: unassigned)',
          params: idParams,
          body: assignRequest,
          response: { 200: inboxThread },
        },
      },
      async (request) =>
        messaging.assign(staffOf(request), request.params.id, request.body.staffUserId),
    );

    for (const action of ['close', 'reopen'] as const) {
      fastify.post(
        `/api/practice/messages/threads/:id/${action}`,
        {
          ...guarded,
          schema: {
            tags,
            summary: action === 'close' ? 'Close the thread' : 'Reopen a closed thread',
            params: idParams,
            response: { 200: inboxThread },
          },
        },
        async (request) => messaging[action](staffOf(request), request.params.id),
      );
    }

    fastify.get(
      '/api/practice/messages/attachments/:id',
      {
        ...guarded,
        schema: { tags, summary: 'Download an attachment (audited)', params: idParams },
      },
      async (request, reply) => {
        const file = await messaging.attachment(staffOf(request), request.params.id);
        return sendStoredFile(reply, app.storage, file);
      },
    );

    fastify.get(
      '/api/practice/messages/unread',
      {
        ...guarded,
        schema: {
          tags,
          summary: 'How many threads have unread patient messages',
          response: { 200: unreadSummary },
        },
      },
      async (request) => messaging.unread(staffOf(request)),
    );

    fastify.get(
      '/api/practice/messaging-settings',
      {
        ...guarded,
        schema: {
          tags,
          summary: "The practice's messaging settings",
          response: { 200: messagingSettings },
        },
      },
      async (request) => messaging.settings(staffOf(request)),
    );

    fastify.put(
      '/api/practice/messaging-settings',
      {
        ...guarded,
        schema: {
          tags,
          summary: 'Change the messaging settings (admins; `version` must be current)',
          body: messagingSettingsUpdate,
          response: { 200: messagingSettings },
        },
      },
      async (request) => messaging.saveSettings(staffOf(request), request.body),
    );
  };
}
