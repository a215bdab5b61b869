import { z } from 'zod';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import {
  endDateRequest,
  patientDetail,
  patientInput,
  patientListQuery,
  patientPage,
  patientUpdate,
  reactivateRequest,
  uuid,
} from '@portico/contracts';
import type { AppContext } from '../../app-context.ts';
import { staffOf } from '../../platform/http/staff-guard.ts';

const idParams = z.strictObject({ id: uuid });
const tags = ['patients'];

export function patientRoutes(app: AppContext): FastifyPluginAsyncZod {
  const patients = app.services.patients;
  return async (fastify) => {
    const guarded = { preHandler: app.staffGuard };

    fastify.get(
      '/api/practice/patients',
      {
        ...guarded,
        schema: {
          tags,
          summary: 'Search patients by name, date of birth, email, phone or MRN',
          querystring: patientListQuery,
          response: { 200: patientPage },
        },
      },
      async (request) => patients.list(staffOf(request), request.query),
    );

    fastify.post(
      '/api/practice/patients',
      {
        ...guarded,
        schema: {
          tags,
          summary: 'Create a patient record',
          body: patientInput,
          response: { 201: patientDetail },
        },
      },
      async (request, reply) => {
        const created = await patients.create(staffOf(request), request.body);
        return reply.status(201).send(created);
      },
    );

    fastify.get(
      '/api/practice/patients/:id',
      {
        ...guarded,
        schema: {
          tags,
          summary: 'One patient record',
          params: idParams,
          response: { 200: patientDetail },
        },
      },
      async (request) => patients.get(staffOf(request), request.params.id),
    );

    fastify.put(
      '/api/practice/patients/:id',
      {
        ...guarded,
        schema: {
          tags,
          summary:
            'Change a patient record (send the version you read; a stale version is refused with 409)',
          params: idParams,
          body: patientUpdate,
          response: { 200: patientDetail },
        },
      },
      async (request) => patients.update(staffOf(request), request.params.id, request.body),
    );

    fastify.post(
      '/api/practice/patients/:id/end-date',
      {
        ...guarded,
        schema: {
          tags,
          summary: 'End-date a patient (no longer seen)',
          params: idParams,
          body: endDateRequest,
          response: { 200: patientDetail },
        },
      },
      async (request) =>
        patients.changeStatus(staffOf(request), request.params.id, {
          kind: 'end_date',
          ...request.body,
        }),
    );

    fastify.post(
      '/api/practice/patients/:id/reactivate',
      {
        ...guarded,
        schema: {
          tags,
          summary: 'Reactivate an end-dated patient',
          params: idParams,
          body: reactivateRequest,
          response: { 200: patientDetail },
        },
      },
      async (request) =>
        patients.changeStatus(staffOf(request), request.params.id, {
          kind: 'reactivate',
          ...request.body,
        }),
    );
  };
}
