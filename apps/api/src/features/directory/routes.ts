import { z } from 'zod';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import {
  location,
  locationInput,
  locationList,
  provider,
  providerInput,
  providerList,
  uuid,
} from '@portico/contracts';
import type { AppContext } from '../../app-context.ts';
import { staffOf } from '../../platform/http/staff-guard.ts';

const idParams = z.strictObject({ id: uuid });
const tags = ['directory'];

export function directoryRoutes(app: AppContext): FastifyPluginAsyncZod {
  const directory = app.services.directory;
  return async (fastify) => {
    const guarded = { preHandler: app.staffGuard };

    fastify.get(
      '/api/practice/providers',
      {
        ...guarded,
        schema: { tags, summary: "The practice's providers", response: { 200: providerList } },
      },
      async (request) => ({ items: await directory.listProviders(staffOf(request)) }),
    );

    fastify.post(
      '/api/practice/providers',
      {
        ...guarded,
        schema: {
          tags,
          summary: 'Add a provider (admin)',
          body: providerInput,
          response: { 201: provider },
        },
      },
      async (request, reply) => {
        const created = await directory.saveProvider(staffOf(request), null, request.body);
        return reply.status(201).send(created);
      },
    );

    fastify.put(
      '/api/practice/providers/:id',
      {
        ...guarded,
        schema: {
          tags,
          summary: 'Change a provider (admin)',
          params: idParams,
          body: providerInput,
          response: { 200: provider },
        },
      },
      async (request) => directory.saveProvider(staffOf(request), request.params.id, request.body),
    );

    fastify.get(
      '/api/practice/locations',
      {
        ...guarded,
        schema: {
          tags,
          summary: "The practice's office locations",
          response: { 200: locationList },
        },
      },
      async (request) => ({ items: await directory.listLocations(staffOf(request)) }),
    );

    fastify.post(
      '/api/practice/locations',
      {
        ...guarded,
        schema: {
          tags,
          summary: 'Add a location (admin)',
          body: locationInput,
          response: { 201: location },
        },
      },
      async (request, reply) => {
        const created = await directory.saveLocation(staffOf(request), null, request.body);
        return reply.status(201).send(created);
      },
    );

    fastify.put(
      '/api/practice/locations/:id',
      {
        ...guarded,
        schema: {
          tags,
          summary: 'Change a location (admin)',
          params: idParams,
          body: locationInput,
          response: { 200: location },
        },
      },
      async (request) => directory.saveLocation(staffOf(request), request.params.id, request.body),
    );
  };
}
