import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { okResponse, setPasswordRequest, staffMe, staffSignInRequest } from '@portico/contracts';
import type { AppContext } from '../../app-context.ts';
import { requestMeta } from '../../platform/http/request-meta.ts';
import { staffCookieName, staffCookieOptions, staffOf } from '../../platform/http/staff-guard.ts';
import { rateLimitPerIp } from '../../platform/http/rate-limit.ts';

export function staffAuthRoutes(app: AppContext): FastifyPluginAsyncZod {
  const cookie = staffCookieName(app.config.secureCookies);
  const cookieOptions = staffCookieOptions(app.config.secureCookies);
  const limited = rateLimitPerIp(app.db, app.clock, 'staff-auth');
  return async (fastify) => {
    fastify.post(
      '/api/practice/auth/sign-in',
      {
        preHandler: limited,
        schema: {
          tags: ['staff-auth'],
          summary: 'Staff sign-in with email and password',
          body: staffSignInRequest,
          response: { 200: staffMe },
        },
      },
      async (request, reply) => {
        const { token, me } = await app.services.staffAuth.signIn(
          request.body.email,
          request.body.password,
          requestMeta(request),
        );
        void reply.setCookie(cookie, token, cookieOptions);
        return me;
      },
    );

    fastify.get(
      '/api/practice/auth/me',
      {
        preHandler: app.staffGuard,
        schema: {
          tags: ['staff-auth'],
          summary: 'The signed-in staff member',
          response: { 200: staffMe },
        },
      },
      async (request) => {
        if (!request.staffMe) throw new Error('guard did not run');
        return request.staffMe;
      },
    );

    fastify.post(
      '/api/practice/auth/sign-out',
      {
        preHandler: app.staffGuard,
        schema: {
          tags: ['staff-auth'],
          summary: 'End this session',
          response: { 200: okResponse },
        },
      },
      async (request, reply) => {
        await app.services.staffAuth.signOut(staffOf(request));
        void reply.clearCookie(cookie, cookieOptions);
        return { ok: true as const };
      },
    );

    fastify.post(
      '/api/practice/auth/set-password',
      {
        preHandler: limited,
        schema: {
          tags: ['staff-auth'],
          summary: 'Set a password from a one-time link',
          body: setPasswordRequest,
          response: { 200: okResponse },
        },
      },
      async (request) => {
        await app.services.staffAuth.completePasswordSetup(
          request.body.token,
          request.body.password,
          requestMeta(request),
        );
        return { ok: true as const };
      },
    );
  };
}
