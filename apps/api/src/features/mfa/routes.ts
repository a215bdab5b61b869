import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { FastifyReply } from 'fastify';
import {
  factorAddedResult,
  mfaStatus,
  okResponse,
  portalMe,
  recoveryCodes,
  secondFactorRequest,
  smsCodeSent,
  smsFactorVerifyRequest,
  totpConfirmRequest,
  totpEnrollment,
} from '@portico/contracts';
import type { AppContext } from '../../app-context.ts';
import { AppError } from '../../platform/errors.ts';
import { portalOf } from '../../platform/http/portal-guard.ts';
import { rateLimitPerIp } from '../../platform/http/rate-limit.ts';
import { createPortalMfaService } from './portal-service.ts';
import { passkeyRoutes } from './passkey-routes.ts';
import { staffMfaRoutes } from './staff-routes.ts';
import { createPortalAuthService } from '../portal-accounts/service.ts';

const tags = ['mfa'];

/** MFA: the portal account's and the staff member's factors, and the second factor at sign-in. */
export function mfaRoutes(app: AppContext): FastifyPluginAsyncZod {
  const mfa = createPortalMfaService({ db: app.db, clock: app.clock });
  // The portal-accounts slice builds the signed-in answer (PortalMe).
  const portalAuth = createPortalAuthService({
    db: app.db,
    clock: app.clock,
    publicUrl: app.config.publicUrl,
  });
  const limited = rateLimitPerIp(app.db, app.clock, 'portal-auth');
  const full = app.portalGuard.full;
  const pending = app.portalGuard.mfaPending;
  const ok = { ok: true as const };

  /** A session ended by too many wrong codes loses its cookie with the answer. */
  const clearCookieOnEnd = async <T>(reply: FastifyReply, work: () => Promise<T>): Promise<T> => {
    try {
      return await work();
    } catch (error) {
      if (error instanceof AppError && error.code === 'SESSION_EXPIRED') {
        void reply.clearCookie(app.portalGuard.cookie, app.portalGuard.cookieOptions);
      }
      throw error;
    }
  };

  return async (fastify) => {
    fastify.get(
      '/api/portal/mfa',
      {
        preHandler: full,
        schema: {
          tags,
          summary: 'Second factors of the signed-in account',
          response: { 200: mfaStatus },
        },
      },
      async (request) => mfa.status(portalOf(request)),
    );

    fastify.post(
      '/api/portal/mfa/totp',
      {
        preHandler: full,
        schema: {
          tags,
          summary: 'Start setting up an authenticator app (secret, otpauth URL, QR code)',
          response: { 200: totpEnrollment },
        },
      },
      async (request) => mfa.startTotp(portalOf(request)),
    );

    fastify.post(
      '/api/portal/mfa/totp/confirm',
      {
        preHandler: full,
        schema: {
          tags,
          summary: 'Confirm the authenticator app with a code; answers 10 new recovery codes',
          body: totpConfirmRequest,
          response: { 200: recoveryCodes },
        },
      },
      async (request) => ({
        codes: await mfa.confirmTotp(portalOf(request), request.body.factorId, request.body.code),
      }),
    );

    fastify.delete(
      '/api/portal/mfa/totp',
      {
        preHandler: full,
        schema: { tags, summary: 'Remove the authenticator app', response: { 200: okResponse } },
      },
      async (request) => {
        await mfa.removeTotp(portalOf(request));
        return ok;
      },
    );

    fastify.post(
      '/api/portal/mfa/recovery-codes',
      {
        preHandler: full,
        schema: {
          tags,
          summary: 'Replace the recovery codes with 10 new ones',
          response: { 200: recoveryCodes },
        },
      },
      async (request) => ({ codes: await mfa.regenerateRecoveryCodes(portalOf(request)) }),
    );

    fastify.post(
      '/api/portal/mfa/sms',
      {
        preHandler: full,
        schema: {
          tags,
          summary: 'Text a code to the verified phone to turn on SMS sign-in',
          response: { 200: smsCodeSent },
        },
      },
      async (request) => mfa.startSms(portalOf(request)),
    );

    fastify.post(
      '/api/portal/mfa/sms/confirm',
      {
        preHandler: full,
        schema: {
          tags,
          summary: 'Turn on SMS sign-in with the code received',
          body: smsFactorVerifyRequest,
          response: { 200: factorAddedResult },
        },
      },
      async (request) => mfa.confirmSms(portalOf(request), request.body.code),
    );

    fastify.delete(
      '/api/portal/mfa/sms',
      {
        preHandler: full,
        schema: { tags, summary: 'Turn off SMS sign-in', response: { 200: okResponse } },
      },
      async (request) => {
        await mfa.removeSms(portalOf(request));
        return ok;
      },
    );

    fastify.post(
      '/api/portal/auth/mfa/sms',
      {
        preHandler: [limited, pending],
        schema: {
          tags,
          summary: 'At sign-in: text a code to the verified phone',
          response: { 200: smsCodeSent },
        },
      },
      async (request) => mfa.sendSignInSms(portalOf(request)),
    );

    fastify.post(
      '/api/portal/auth/mfa/verify',
      {
        preHandler: [limited, pending],
        schema: {
          tags,
          summary:
            'At sign-in: give the second factor (authenticator code, SMS code or recovery code)',
          body: secondFactorRequest,
          response: { 200: portalMe },
        },
      },
      async (request, reply) => {
        const session = request.portalSession;
        if (!session) throw new Error('portal guard did not run');
        if (session.mfaPending) {
          await clearCookieOnEnd(reply, () =>
            mfa.verifySecondFactor(session.ctx, request.body.method, request.body.code),
          );
        }
        return portalAuth.me({ ...session, mfaPending: false });
      },
    );

    await fastify.register(passkeyRoutes(app, portalAuth));
    await fastify.register(staffMfaRoutes(app));
  };
}
