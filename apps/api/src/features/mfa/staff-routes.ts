import type { FastifyReply, FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import {
  factorAddedResult,
  mfaStatus,
  okResponse,
  passkeyIdParams,
  passkeyRegisterRequest,
  passkeySignInRequest,
  recoveryCodes,
  staffMe,
  staffSecondFactorRequest,
  totpConfirmRequest,
  totpEnrollment,
  webauthnJson,
  type StaffMe,
} from '@portico/contracts';
import type { AppContext } from '../../app-context.ts';
import { AppError } from '../../platform/errors.ts';
import { rateLimitPerIp } from '../../platform/http/rate-limit.ts';
import { staffCookieName, staffCookieOptions, staffOf } from '../../platform/http/staff-guard.ts';
import { createPasskeyService } from './passkey-service.ts';
import { createStaffMfaService, staffReauthRequired } from './staff-service.ts';
import { staffChangeNeedsSignIn } from './second-factor-rules.ts';

const tags = ['mfa'];

function staffMeOf(request: FastifyRequest): StaffMe {
  if (!request.staffMe) throw new Error('staff guard did not run');
  return request.staffMe;
}
const stateOf = (request: FastifyRequest) => request.staffSecondFactor ?? 'satisfied';

/**
 * Whether this change may go ahead without a new sign-in: a session still enrolling its first
 * factor may; a complete one only within 10 minutes of its password (staff re-authenticate by
 * signing in again).
 */
function recentPassword(request: FastifyRequest, now: Date): boolean {
  if (stateOf(request) !== 'satisfied') return true;
  return !!request.staffSignedInAt && !staffChangeNeedsSignIn(request.staffSignedInAt, now);
}

/**
 * Staff MFA (mandatory), under `/api/practice/mfa/` (the staff member's factors; the only
 * console routes a session without a factor may use) and `/api/practice/auth/mfa/` (the second
 * factor at sign-in). The staff guard admits pending sessions to exactly these.
 */
export function staffMfaRoutes(app: AppContext): FastifyPluginAsyncZod {
  const mfa = createStaffMfaService({
    db: app.db,
    clock: app.clock,
    passkeys: createPasskeyService({
      db: app.db,
      clock: app.clock,
      publicUrl: app.config.publicUrl,
    }),
  });
  const guard = app.staffGuard;
  const limited = rateLimitPerIp(app.db, app.clock, 'staff-auth');
  const cookie = staffCookieName(app.config.secureCookies);
  const cookieOptions = staffCookieOptions(app.config.secureCookies);
  const ok = { ok: true as const };
  const requireRecentPassword = (request: FastifyRequest) => {
    if (!recentPassword(request, app.clock.now())) throw staffReauthRequired();
  };

  /** The answer to a completed second factor; a session ended by wrong codes loses its cookie. */
  async function completing(
    request: FastifyRequest,
    reply: FastifyReply,
    work: () => Promise<void>,
  ) {
    const me = staffMeOf(request);
    if (stateOf(request) === 'satisfied') return me;
    try {
      await work();
    } catch (error) {
      if (error instanceof AppError && error.code === 'SESSION_EXPIRED') {
        void reply.clearCookie(cookie, cookieOptions);
      }
      throw error;
    }
    return { ...me, session: { ...me.session, secondFactorSatisfied: true } };
  }

  return async (fastify) => {
    fastify.get(
      '/api/practice/mfa',
      {
        preHandler: guard,
        schema: {
          tags,
          summary: 'Second factors of the signed-in staff member',
          response: { 200: mfaStatus },
        },
      },
      async (request) => mfa.status(staffOf(request)),
    );

    fastify.post(
      '/api/practice/mfa/totp',
      {
        preHandler: guard,
        schema: {
          tags,
          summary: 'Start setting up an authenticator app',
          response: { 200: totpEnrollment },
        },
      },
      async (request) => {
        requireRecentPassword(request);
        return mfa.startTotp(staffOf(request), staffMeOf(request).user.email);
      },
    );

    fastify.post(
      '/api/practice/mfa/totp/confirm',
      {
        preHandler: guard,
        schema: {
          tags,
          summary:
            'Confirm the authenticator app; answers 10 recovery codes (and completes a session that had no factor)',
          body: totpConfirmRequest,
          response: { 200: recoveryCodes },
        },
      },
      async (request) => ({
        codes: await mfa.confirmTotp(
          staffOf(request),
          stateOf(request),
          recentPassword(request, app.clock.now()),
          request.body.factorId,
          request.body.code,
        ),
      }),
    );

    fastify.delete(
      '/api/practice/mfa/totp',
      {
        preHandler: guard,
        schema: {
          tags,
          summary: 'Remove the authenticator app (not the last factor)',
          response: { 200: okResponse },
        },
      },
      async (request) => {
        requireRecentPassword(request);
        await mfa.removeTotp(staffOf(request));
        return ok;
      },
    );

    fastify.post(
      '/api/practice/mfa/recovery-codes',
      {
        preHandler: guard,
        schema: { tags, summary: 'Replace the recovery codes', response: { 200: recoveryCodes } },
      },
      async (request) => {
        requireRecentPassword(request);
        return { codes: await mfa.regenerateRecoveryCodes(staffOf(request)) };
      },
    );

    fastify.post(
      '/api/practice/mfa/passkeys/options',
      {
        preHandler: guard,
        schema: {
          tags,
          summary: 'WebAuthn creation options for a new passkey',
          response: { 200: webauthnJson },
        },
      },
      async (request) => {
        requireRecentPassword(request);
        return mfa.passkeyOptions(staffOf(request), staffMeOf(request).user);
      },
    );

    fastify.post(
      '/api/practice/mfa/passkeys',
      {
        preHandler: guard,
        schema: {
          tags,
          summary: 'Register a passkey (completes a session that had no factor)',
          body: passkeyRegisterRequest,
          response: { 200: factorAddedResult },
        },
      },
      async (request) =>
        mfa.registerPasskey(
          staffOf(request),
          stateOf(request),
          request.body.response,
          request.body.label,
        ),
    );

    fastify.delete(
      '/api/practice/mfa/passkeys/:id',
      {
        preHandler: guard,
        schema: {
          tags,
          summary: 'Remove a passkey (not the last factor)',
          params: passkeyIdParams,
          response: { 200: okResponse },
        },
      },
      async (request) => {
        requireRecentPassword(request);
        await mfa.removePasskey(staffOf(request), request.params.id);
        return ok;
      },
    );

    fastify.post(
      '/api/practice/auth/mfa/verify',
      {
        preHandler: [limited, guard],
        schema: {
          tags,
          summary: 'At sign-in: an authenticator or recovery code',
          body: staffSecondFactorRequest,
          response: { 200: staffMe },
        },
      },
      async (request, reply) =>
        completing(request, reply, () =>
          mfa.verifyCode(staffOf(request), request.body.method, request.body.code),
        ),
    );

    fastify.post(
      '/api/practice/auth/mfa/passkey/options',
      {
        preHandler: [limited, guard],
        schema: {
          tags,
          summary: 'At sign-in: request options for one of your passkeys',
          response: { 200: webauthnJson },
        },
      },
      async (request) => mfa.signInPasskeyOptions(staffOf(request)),
    );

    fastify.post(
      '/api/practice/auth/mfa/passkey',
      {
        preHandler: [limited, guard],
        schema: {
          tags,
          summary: 'At sign-in: a passkey as the second factor',
          body: passkeySignInRequest,
          response: { 200: staffMe },
        },
      },
      async (request, reply) =>
        completing(request, reply, () =>
          mfa.verifyPasskey(staffOf(request), request.body.response),
        ),
    );
  };
}
