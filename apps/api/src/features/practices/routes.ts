import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { publicPractice, staffList } from '@portico/contracts';
import type { AppContext } from '../../app-context.ts';
import { staffOf } from '../../platform/http/staff-guard.ts';

export function practiceRoutes(app: AppContext): FastifyPluginAsyncZod {
  return async (fastify) => {
    fastify.get(
      '/api/public/practices/:slug',
      {
        schema: {
          tags: ['practices'],
          summary: "A practice's public name and branding, for its portal page",
          params: z.strictObject({ slug: z.string().max(60) }),
          response: { 200: publicPractice },
        },
      },
      async (request) => app.services.practices.getPublic(request.params.slug.toLowerCase()),
    );
    fastify.get(
      '/api/practice/staff',
      {
        preHandler: app.staffGuard,
        schema: {
          tags: ['practices'],
          summary: "The practice's staff members",
          response: { 200: staffList },
        },
      },
      async (request) => ({ items: await app.services.practices.listStaff(staffOf(request)) }),
    );
  };
}
