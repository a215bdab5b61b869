import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { AppContext } from '../../app-context.ts';

export function registrationRoutes(_app: AppContext): FastifyPluginAsyncZod {
  return async () => {};
}
