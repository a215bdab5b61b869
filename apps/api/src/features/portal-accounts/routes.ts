import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { AppContext } from '../../app-context.ts';

export function portalAuthRoutes(_app: AppContext): FastifyPluginAsyncZod {
  return async () => {};
}
