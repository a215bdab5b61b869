import { z } from 'zod';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { bulkMessageRequest, bulkMessageRun, uuid } from '@portico/contracts';
import type { AppContext } from '../../app-context.ts';
import { staffOf } from '../../platform/http/staff-guard.ts';

const runParams = z.strictObject({ id: uuid });
const tags = ['messaging'];

export function bulkMessageRoutes(app: AppContext): FastifyPluginAsyncZod {
  const bulk = app.services.bulkMessages;
  return async (fastify) => {
    const guarded = { preHandler: app.staffGuard };

    fastify.post(
      '/api/practice/messages/bulk',
      {
        ...guarded,
        schema: {
          tags,
          summary:
            'Send one message to many patients, each in a thread of their own, in the background (202 with the run)',
          body: bulkMessageRequest,
          response: { 202: bulkMessageRun },
        },
      },
      async (request, reply) => {
        const run = await bulk.create(staffOf(request), request.body);
        return reply.status(202).send(run);
      },
    );

    fastify.get(
      '/api/practice/messages/bulk/:id',
      {
        ...guarded,
        schema: {
          tags,
          summary: "A bulk message run's progress and summary (sent, skipped and why)",
          params: runParams,
          response: { 200: bulkMessageRun },
        },
      },
      async (request) => bulk.get(staffOf(request), request.params.id),
    );
  };
}
