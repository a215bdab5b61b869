import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { deliveryStatus, mailboxResponse, outboxPage, pageQuery } from '@portico/contracts';
import type { AppContext } from '../../app-context.ts';
import { staffOf } from '../../platform/http/staff-guard.ts';

const outboxQuery = z.strictObject({ ...pageQuery.shape, status: deliveryStatus.optional() });

export function devMailboxRoutes(app: AppContext): FastifyPluginAsyncZod {
  return async (fastify) => {
    fastify.get(
      '/api/practice/dev-mailbox',
      {
        preHandler: app.staffGuard,
        schema: {
          tags: ['dev-mailbox'],
          summary:
            'Email and SMS delivered to the built-in dev mailbox (no SMTP / SMS provider configured), newest first',
          querystring: pageQuery,
          response: { 200: mailboxResponse },
        },
      },
      async (request) => app.services.devMailbox.listMailbox(staffOf(request), request.query),
    );
    fastify.get(
      '/api/practice/outbox',
      {
        preHandler: app.staffGuard,
        schema: {
          tags: ['dev-mailbox'],
          summary:
            "The practice's outgoing notifications and their delivery state, dead letters included (admins)",
          querystring: outboxQuery,
          response: { 200: outboxPage },
        },
      },
      async (request) => app.services.devMailbox.listOutbox(staffOf(request), request.query),
    );
  };
}
