import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { auditPage, auditQuery } from '@portico/contracts';
import type { AppContext } from '../../app-context.ts';
import { staffOf } from '../../platform/http/staff-guard.ts';

export function auditLogRoutes(app: AppContext): FastifyPluginAsyncZod {
  return async (fastify) => {
    fastify.get(
      '/api/practice/audit-events',
      {
        preHandler: app.staffGuard,
        schema: {
          tags: ['audit-log'],
          summary: "Search the practice's audit trail (admins), newest first",
          querystring: auditQuery,
          response: { 200: auditPage },
        },
      },
      async (request) => app.services.auditLog.search(staffOf(request), request.query),
    );
  };
}
