import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppContext } from '../../app-context.ts';
import { AppError } from '../../platform/errors.ts';

const health = z.object({ status: z.enum(['ok']) });

export function healthRoutes(app: AppContext): FastifyPluginAsyncZod {
  return async (fastify) => {
    fastify.get(
      '/healthz',
      { schema: { tags: ['health'], summary: 'The process is up', response: { 200: health } } },
      async () => ({
        status: 'ok' as const,
      }),
    );
    fastify.get(
      '/readyz',
      {
        schema: {
          tags: ['health'],
          summary: 'The database answers and migrations are applied',
          response: { 200: health },
        },
      },
      async () => {
        if (!(await app.db.ready()))
          throw new AppError('UNAVAILABLE', 'The database is not ready.');
        return { status: 'ok' as const };
      },
    );
  };
}
