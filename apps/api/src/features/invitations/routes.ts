import { z } from 'zod';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import {
  bulkInvitationRequest,
  bulkInvitationRun,
  invitationPreview,
  invitationRequest,
  invitationStatus,
  invitationTemplate,
  invitationTemplateInput,
  invitationTemplateList,
  templatePreview,
  uuid,
} from '@portico/contracts';
import type { AppContext } from '../../app-context.ts';
import { staffOf } from '../../platform/http/staff-guard.ts';

const patientParams = z.strictObject({ id: uuid });
const runParams = z.strictObject({ id: uuid });
const templateParams = z.strictObject({ id: z.string().max(40) });
const tags = ['invitations'];

export function invitationRoutes(app: AppContext): FastifyPluginAsyncZod {
  const { invitations, invitationTemplates: templates, bulkInvitations } = app.services;
  return async (fastify) => {
    const guarded = { preHandler: app.staffGuard };

    fastify.get(
      '/api/practice/invitation-templates',
      {
        ...guarded,
        schema: {
          tags,
          summary: "The built-in invitation templates and the practice's own",
          response: { 200: invitationTemplateList },
        },
      },
      async (request) => templates.list(staffOf(request)),
    );

    fastify.post(
      '/api/practice/invitation-templates',
      {
        ...guarded,
        schema: {
          tags,
          summary: 'Create an invitation template (admins)',
          body: invitationTemplateInput,
          response: { 201: invitationTemplate },
        },
      },
      async (request, reply) => {
        const created = await templates.create(staffOf(request), request.body);
        return reply.status(201).send(created);
      },
    );

    fastify.post(
      '/api/practice/invitation-templates/preview',
      {
        ...guarded,
        schema: {
          tags,
          summary: 'A template draft filled with sample values (nothing is stored)',
          body: invitationTemplateInput,
          response: { 200: templatePreview },
        },
      },
      async (request) => templates.preview(staffOf(request), request.body),
    );

    fastify.put(
      '/api/practice/invitation-templates/:id',
      {
        ...guarded,
        schema: {
          tags,
          summary: "Change one of the practice's templates (built-in ones cannot be changed: 409)",
          params: templateParams,
          body: invitationTemplateInput,
          response: { 200: invitationTemplate },
        },
      },
      async (request) => templates.update(staffOf(request), request.params.id, request.body),
    );

    fastify.get(
      '/api/practice/patients/:id/invitation',
      {
        ...guarded,
        schema: {
          tags,
          summary: "A patient's portal invitation status and when another can be sent",
          params: patientParams,
          response: { 200: invitationStatus },
        },
      },
      async (request) => invitations.status(staffOf(request), request.params.id),
    );

    fastify.post(
      '/api/practice/patients/:id/invitation/preview',
      {
        ...guarded,
        schema: {
          tags,
          summary: 'Exactly what the patient will receive (the link is a placeholder)',
          params: patientParams,
          body: invitationRequest,
          response: { 200: invitationPreview },
        },
      },
      async (request) => invitations.preview(staffOf(request), request.params.id, request.body),
    );

    fastify.post(
      '/api/practice/patients/:id/invitation',
      {
        ...guarded,
        schema: {
          tags,
          summary:
            'Send (or re-send) a portal invitation; supersedes earlier links. 429 COOLDOWN with retryAfterSeconds when sent too recently',
          params: patientParams,
          body: invitationRequest,
          response: { 201: invitationStatus },
        },
      },
      async (request, reply) => {
        const sent = await invitations.send(staffOf(request), request.params.id, request.body);
        return reply.status(201).send(sent);
      },
    );

    fastify.post(
      '/api/practice/patients/:id/invitation/revoke',
      {
        ...guarded,
        schema: {
          tags,
          summary: "Revoke the patient's open invitation (its link stops working)",
          params: patientParams,
          response: { 200: invitationStatus },
        },
      },
      async (request) => invitations.revoke(staffOf(request), request.params.id),
    );

    fastify.post(
      '/api/practice/invitations/bulk',
      {
        ...guarded,
        schema: {
          tags,
          summary:
            'Invite selected patients, or everyone active not yet invited or expired, in the background (202 with the run)',
          body: bulkInvitationRequest,
          response: { 202: bulkInvitationRun },
        },
      },
      async (request, reply) => {
        const run = await bulkInvitations.start(staffOf(request), request.body);
        return reply.status(202).send(run);
      },
    );

    fastify.get(
      '/api/practice/invitations/bulk/:id',
      {
        ...guarded,
        schema: {
          tags,
          summary: "A bulk invitation run's progress and summary",
          params: runParams,
          response: { 200: bulkInvitationRun },
        },
      },
      async (request) => bulkInvitations.get(staffOf(request), request.params.id),
    );
  };
}
