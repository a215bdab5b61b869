import { z } from 'zod';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import {
  composeOptions,
  notificationPreferences,
  notificationPreferencesUpdate,
  patientNewThreadFields,
  portalThreadDetail,
  portalThreadPage,
  portalThreadQuery,
  replyFields,
  sentMessage,
  unreadSummary,
  uuid,
} from '@portico/contracts';
import type { AppContext } from '../../app-context.ts';
import { portalPatientOf } from '../../platform/http/portal-guard.ts';
import { idempotencyKeyOf } from '../../platform/idempotency/idempotency.ts';
import { sendStoredFile } from '../../platform/http/file-download.ts';
import { readMessageForm } from './attachment-intake.ts';
import { parseFormFields } from './form-fields.ts';

const idParams = z.strictObject({ id: uuid });
const tags = ['portal messaging'];
const multipartNote =
  'multipart/form-data: the fields as text parts, up to 10 files as `files` parts; header Idempotency-Key.';

/** The patient portal's messaging API: the signed-in patient's own threads only. */
export function portalMessagingRoutes(app: AppContext): FastifyPluginAsyncZod {
  const { portalMessaging: messaging } = app.services;
  return async (fastify) => {
    const guarded = { preHandler: app.portalGuard.full };

    fastify.get(
      '/api/portal/messages/threads',
      {
        ...guarded,
        schema: {
          tags,
          summary: "The patient's threads, newest activity first",
          querystring: portalThreadQuery,
          response: { 200: portalThreadPage },
        },
      },
      async (request) => messaging.list(portalPatientOf(request), request.query),
    );

    fastify.get(
      '/api/portal/messages/threads/:id',
      {
        ...guarded,
        schema: {
          tags,
          summary: "A thread (marks the practice's messages read)",
          params: idParams,
          response: { 200: portalThreadDetail },
        },
      },
      async (request) => messaging.thread(portalPatientOf(request), request.params.id),
    );

    fastify.post(
      '/api/portal/messages/threads/:id/messages',
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
        const ctx = portalPatientOf(request);
        const key = idempotencyKeyOf(request);
        const form = await readMessageForm(request);
        const { body } = parseFormFields(replyFields, form.fields);
        const sent = await messaging.reply(ctx, request.params.id, body, form.files, key);
        return reply.status(201).send(sent);
      },
    );

    fastify.get(
      '/api/portal/messages/compose-options',
      {
        ...guarded,
        schema: {
          tags,
          summary: 'Whether and to whom the patient may start a thread',
          response: { 200: composeOptions },
        },
      },
      async (request) => messaging.composeOptions(portalPatientOf(request)),
    );

    fastify.post(
      '/api/portal/messages/threads',
      {
        ...guarded,
        schema: {
          tags,
          summary: 'Start a thread (when the practice allows it)',
          description: multipartNote,
          response: { 201: sentMessage },
        },
      },
      async (request, reply) => {
        const ctx = portalPatientOf(request);
        const key = idempotencyKeyOf(request);
        const form = await readMessageForm(request);
        const fields = parseFormFields(patientNewThreadFields, form.fields);
        const sent = await messaging.start(ctx, fields, form.files, key);
        return reply.status(201).send(sent);
      },
    );

    fastify.get(
      '/api/portal/messages/attachments/:id',
      { ...guarded, schema: { tags, summary: 'Download an attachment', params: idParams } },
      async (request, reply) => {
        const file = await messaging.attachment(portalPatientOf(request), request.params.id);
        return sendStoredFile(reply, app.storage, file);
      },
    );

    fastify.get(
      '/api/portal/messages/unread',
      {
        ...guarded,
        schema: {
          tags,
          summary: 'How many threads have unread messages',
          response: { 200: unreadSummary },
        },
      },
      async (request) => messaging.unread(portalPatientOf(request)),
    );

    fastify.get(
      '/api/portal/notification-preferences',
      {
        ...guarded,
        schema: {
          tags,
          summary: 'How new messages are announced',
          response: { 200: notificationPreferences },
        },
      },
      async (request) => messaging.notificationChannel(portalPatientOf(request)),
    );

    fastify.put(
      '/api/portal/notification-preferences',
      {
        ...guarded,
        schema: {
          tags,
          summary: 'Choose email, text message or both',
          body: notificationPreferencesUpdate,
          response: { 200: notificationPreferences },
        },
      },
      async (request) =>
        messaging.setNotificationChannel(portalPatientOf(request), request.body.channel),
    );
  };
}
