import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import {
  passwordCheckRequest,
  passwordCheckResult,
  registrationAccountRequest,
  registrationEmailVerifyRequest,
  registrationLinkAccountRequest,
  registrationLookupRequest,
  registrationPhoneSendRequest,
  registrationPhoneVerifyRequest,
  registrationState,
} from '@portico/contracts';
import type { AppContext } from '../../app-context.ts';
import { createPasswordHasher } from '../../platform/auth/password-hash.ts';
import { rateLimitPerIp } from '../../platform/http/rate-limit.ts';
import { requestMeta } from '../../platform/http/request-meta.ts';
import { createRegistrationService } from './service.ts';

const tags = ['registration'];

/**
 * Patient registration from an invitation link: unauthenticated, the link's token in the body
 * (never in an API URL), every call rate-limited per IP. The last step sets the portal cookie.
 */
export function registrationRoutes(app: AppContext): FastifyPluginAsyncZod {
  const registration = createRegistrationService({
    db: app.db,
    clock: app.clock,
    publicUrl: app.config.publicUrl,
    hasher: createPasswordHasher(),
  });
  const limited = { preHandler: rateLimitPerIp(app.db, app.clock, 'registration') };
  const response = { 200: registrationState };
  return async (fastify) => {
    fastify.post(
      '/api/portal/registration/status',
      {
        ...limited,
        schema: {
          tags,
          summary: 'Where a registration link stands (resumes at the first incomplete step)',
          body: registrationLookupRequest,
          response,
        },
      },
      async (request) => registration.status(request.body.token, requestMeta(request)),
    );

    fastify.post(
      '/api/portal/registration/account',
      {
        ...limited,
        schema: {
          tags,
          summary: 'Step 1: date of birth, email, password, terms (sends the email code)',
          body: registrationAccountRequest,
          response,
        },
      },
      async (request) => registration.createAccount(request.body, requestMeta(request)),
    );

    fastify.post(
      '/api/portal/registration/email/resend',
      {
        ...limited,
        schema: {
          tags,
          summary: 'Step 2: send another email code (60 s apart, 5 per hour)',
          body: registrationLookupRequest,
          response,
        },
      },
      async (request) => registration.resendEmail(request.body.token, requestMeta(request)),
    );

    fastify.post(
      '/api/portal/registration/email/verify',
      {
        ...limited,
        schema: {
          tags,
          summary: 'Step 2: the email code or the one-click link',
          body: registrationEmailVerifyRequest,
          response,
        },
      },
      async (request) => registration.verifyEmail(request.body, requestMeta(request)),
    );

    fastify.post(
      '/api/portal/registration/link-account',
      {
        ...limited,
        schema: {
          tags,
          summary: "Step 2, existing account: its password links this patient's record to it",
          body: registrationLinkAccountRequest,
          response,
        },
      },
      async (request) => registration.linkAccount(request.body, requestMeta(request)),
    );

    fastify.post(
      '/api/portal/registration/phone/send',
      {
        ...limited,
        schema: {
          tags,
          summary: 'Step 3: send a code by text message or voice call',
          body: registrationPhoneSendRequest,
          response,
        },
      },
      async (request) => registration.sendPhoneCode(request.body, requestMeta(request)),
    );

    fastify.post(
      '/api/portal/registration/phone/verify',
      {
        ...limited,
        schema: {
          tags,
          summary: 'Step 3: the phone code; completes the registration and signs in',
          body: registrationPhoneVerifyRequest,
          response,
        },
      },
      async (request, reply) => {
        const { state, sessionToken } = await registration.verifyPhone(
          request.body,
          requestMeta(request),
        );
        if (sessionToken) {
          void reply.setCookie(app.portalGuard.cookie, sessionToken, app.portalGuard.cookieOptions);
        }
        return state;
      },
    );

    fastify.post(
      '/api/portal/password-check',
      {
        preHandler: rateLimitPerIp(app.db, app.clock, 'password-check'),
        schema: {
          tags,
          summary: 'The live password meter (the same rules as registration)',
          body: passwordCheckRequest,
          response: { 200: passwordCheckResult },
        },
      },
      async (request) => registration.passwordCheck(request.body),
    );
  };
}
