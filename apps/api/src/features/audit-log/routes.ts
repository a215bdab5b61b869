// SCAFFOLD: replaced by the slice owner.
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { AppContext } from '../../app-context.ts';

export function auditLogRoutes(_app: AppContext): FastifyPluginAsyncZod {
  return async () => {};
}
