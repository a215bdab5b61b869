import { z } from 'zod';
import type { FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import {
  endOtherSessionsResult,
  forgotPasswordRequest,
  okResponse,
  portalMe,
  portalSessionList,
  portalSignInRequest,
  portalSignInResult,
  reauthenticateRequest,
  resetPasswordRequest,
  switchRecordRequest,
  uuid,
} from '@portico/contracts';
import type { AppContext } from '../../app-context.ts';
import { requestMeta } from '../../platform/http/request-meta.ts';
import { rateLimitPerIp } from '../../platform/http/rate-limit.ts';
import { createPortalAuthService } from './service.ts';

const tags = ['portal-auth'];

function sessionOf(request: FastifyRequest) {
  if (!request.portalSession) throw new Error('portal guard did not run');
  return request.portalSession;
}

/**
 * Patient sign-in, sign-out, forgot/reset password, the session list, re-authentication and
 * switching records, under `/api/portal/auth/`. The second factor lives in the MFA slice.
 */
export function portalAuthRoutes(app: AppContext): FastifyPluginAsyncZod {
  const service = createPortalAuthService({
    db: app.db,
    clock: app.clock,
    publicUrl: app.config.publicUrl,
  });
  const { cookie, cookieOptions, full } = app.portalGuard;
  const limited = rateLimitPerIp(app.db, app.clock, 'portal-auth');
  return async (fastify) => {
    fastify.post(
      '/api/portal/auth/sign-in',
      {
        preHandler: limited,
        schema: {
          tags,
          summary: 'Patient sign-in with email and password',
          body: portalSignInRequest,
          response: { 200: portalSignInResult },
        },
      },
      async (request, reply) => {
        const { token, result } = await service.signIn(
          request.body.email,
          request.body.password,
          requestMeta(request),
        );
        void reply.setCookie(cookie, token, cookieOptions);
        return result;
      },
    );

    fastify.get(
      '/api/portal/auth/me',
      {
        preHandler: full,
        schema: {
          tags,
          summary: 'The signed-in account and the record in use',
          response: { 200: portalMe },
        },
      },
      async (request) => service.me(sessionOf(request)),
    );

    fastify.post(
      '/api/portal/auth/keep-alive',
      {
        preHandler: full,
        schema: {
          tags,
          summary: '"Stay signed in": extends the idle timeout',
          response: { 200: portalMe },
        },
      },
      async (request) => service.me(sessionOf(request)),
    );

    fastify.post(
      '/api/portal/auth/sign-out',
      {
        schema: { tags, summary: 'End this session', response: { 200: okResponse } },
      },
      async (request, reply) => {
        const token = request.cookies[cookie];
        if (token) await service.signOut(token, requestMeta(request));
        void reply.clearCookie(cookie, cookieOptions);
        return { ok: true as const };
      },
    );

    fastify.post(
      '/api/portal/auth/forgot-password',
      {
        preHandler: limited,
        schema: {
          tags,
          summary: 'Email a password-reset link (the same answer for every email)',
          body: forgotPasswordRequest,
          response: { 202: okResponse },
        },
      },
      async (request, reply) => {
        await service.forgotPassword(request.body.email, requestMeta(request));
        void reply.code(202);
        return { ok: true as const };
      },
    );

    fastify.post(
      '/api/portal/auth/reset-password',
      {
        preHandler: limited,
        schema: {
          tags,
          summary: 'Set a new password from a reset link; signs out every session',
          body: resetPasswordRequest,
          response: { 200: okResponse },
        },
      },
      async (request) => {
        await service.resetPassword(
          request.body.token,
          request.body.password,
          requestMeta(request),
        );
        return { ok: true as const };
      },
    );

    fastify.get(
      '/api/portal/auth/sessions',
      {
        preHandler: full,
        schema: {
          tags,
          summary: "The account's open sessions",
          response: { 200: portalSessionList },
        },
      },
      async (request) => ({ items: await service.listSessions(sessionOf(request)) }),
    );

    fastify.delete(
      '/api/portal/auth/sessions/:id',
      {
        preHandler: full,
        schema: {
          tags,
          summary: 'End one of your sessions',
          params: z.object({ id: uuid }),
          response: { 200: okResponse },
        },
      },
      async (request, reply) => {
        const { current } = await service.endSession(sessionOf(request), request.params.id);
        if (current) void reply.clearCookie(cookie, cookieOptions);
        return { ok: true as const };
      },
    );

    fastify.post(
      '/api/portal/auth/sessions/end-others',
      {
        preHandler: full,
        schema: {
          tags,
          summary: 'Sign out every other session',
          response: { 200: endOtherSessionsResult },
        },
      },
      async (request) => ({ ended: await service.endOtherSessions(sessionOf(request)) }),
    );

    fastify.post(
      '/api/portal/auth/reauthenticate',
      {
        preHandler: [limited, full],
        schema: {
          tags,
          summary: 'Enter the password again before a sensitive change',
          body: reauthenticateRequest,
          response: { 200: portalMe },
        },
      },
      async (request) => service.reauthenticate(sessionOf(request), request.body.password),
    );

    fastify.post(
      '/api/portal/auth/switch-record',
      {
        preHandler: full,
        schema: {
          tags,
          summary: 'Act for another record of the account',
          body: switchRecordRequest,
          response: { 200: portalMe },
        },
      },
      async (request) => service.switchRecord(sessionOf(request), request.body.patientId),
    );
  };
}
