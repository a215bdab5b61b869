import { z } from 'zod';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import {
  messageTemplate,
  messageTemplateInput,
  messageTemplateList,
  okResponse,
  uuid,
} from '@portico/contracts';
import type { AppContext } from '../../app-context.ts';
import { staffOf } from '../../platform/http/staff-guard.ts';

const templateParams = z.strictObject({ id: uuid });
const renderRequest = z.strictObject({ templateId: uuid, patientId: uuid });
const renderedMessage = z.object({ subject: z.string(), body: z.string() });
const tags = ['messaging'];

export function messageTemplateRoutes(app: AppContext): FastifyPluginAsyncZod {
  const templates = app.services.messageTemplates;
  return async (fastify) => {
    const guarded = { preHandler: app.staffGuard };

    fastify.get(
      '/api/practice/message-templates',
      {
        ...guarded,
        schema: {
          tags,
          summary: "The practice's message templates",
          response: { 200: messageTemplateList },
        },
      },
      async (request) => templates.list(staffOf(request)),
    );

    fastify.post(
      '/api/practice/message-templates',
      {
        ...guarded,
        schema: {
          tags,
          summary: 'Create a message template (admins); unknown {{variables}} are refused',
          body: messageTemplateInput,
          response: { 201: messageTemplate },
        },
      },
      async (request, reply) => {
        const created = await templates.create(staffOf(request), request.body);
        return reply.status(201).send(created);
      },
    );

    fastify.post(
      '/api/practice/message-templates/render',
      {
        ...guarded,
        schema: {
          tags,
          summary: "A template filled with one patient's values (audited as a PHI read)",
          body: renderRequest,
          response: { 200: renderedMessage },
        },
      },
      async (request) => templates.render(staffOf(request), request.body),
    );

    fastify.put(
      '/api/practice/message-templates/:id',
      {
        ...guarded,
        schema: {
          tags,
          summary: 'Change a message template (admins)',
          params: templateParams,
          body: messageTemplateInput,
          response: { 200: messageTemplate },
        },
      },
      async (request) => templates.update(staffOf(request), request.params.id, request.body),
    );

    fastify.delete(
      '/api/practice/message-templates/:id',
      {
        ...guarded,
        schema: {
          tags,
          summary: 'Delete a message template (admins)',
          params: templateParams,
          response: { 200: okResponse },
        },
      },
      async (request) => {
        await templates.remove(staffOf(request), request.params.id);
        return { ok: true as const };
      },
    );
  };
}
