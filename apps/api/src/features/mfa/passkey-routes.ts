import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import {
  factorAddedResult,
  okResponse,
  passkeyIdParams,
  passkeyRegisterRequest,
  passkeySignInRequest,
  portalMe,
  webauthnJson,
} from '@portico/contracts';
import type { AppContext } from '../../app-context.ts';
import { AppError } from '../../platform/errors.ts';
import { writeAudit } from '../../platform/audit/audit.ts';
import { portalOf } from '../../platform/http/portal-guard.ts';
import { rateLimitPerIp } from '../../platform/http/rate-limit.ts';
import { requestMeta } from '../../platform/http/request-meta.ts';
import { expiries, sessionPolicy } from '../../platform/auth/session-rules.ts';
import { openPortalSession, requireRecentAuthentication } from '../portal-accounts/sessions.ts';
import type { PortalAuthService } from '../portal-accounts/service.ts';
import { createPasskeyService } from './passkey-service.ts';
import {
  endPortalSession,
  portalAccountContact,
  portalActor,
  portalSubject,
} from './portal-account.ts';

const tags = ['mfa'];

/** Portal passkeys: register and remove (signed in), and passwordless sign-in. */
export function passkeyRoutes(
  app: AppContext,
  portalAuth: PortalAuthService,
): FastifyPluginAsyncZod {
  const passkeys = createPasskeyService({
    db: app.db,
    clock: app.clock,
    publicUrl: app.config.publicUrl,
  });
  const limited = rateLimitPerIp(app.db, app.clock, 'portal-auth');
  const { full, cookie, cookieOptions } = app.portalGuard;
  return async (fastify) => {
    fastify.post(
      '/api/portal/mfa/passkeys/options',
      {
        preHandler: full,
        schema: {
          tags,
          summary: 'WebAuthn creation options for a new passkey (5 minutes, single use)',
          response: { 200: webauthnJson },
        },
      },
      async (request) => {
        const ctx = portalOf(request);
        requireRecentAuthentication(ctx, app.clock.now());
        const account = await app.db.system((tx) => portalAccountContact(tx, ctx.accountId));
        return passkeys.registrationOptions(portalSubject(ctx.accountId), {
          name: account.email,
          displayName: account.email,
        });
      },
    );

    fastify.post(
      '/api/portal/mfa/passkeys',
      {
        preHandler: full,
        schema: {
          tags,
          summary: 'Register a passkey from the browser’s answer to the creation options',
          body: passkeyRegisterRequest,
          response: { 200: factorAddedResult },
        },
      },
      async (request) => {
        const ctx = portalOf(request);
        return passkeys.register(
          portalSubject(ctx.accountId),
          request.body.response,
          request.body.label,
          portalActor(ctx),
        );
      },
    );

    fastify.delete(
      '/api/portal/mfa/passkeys/:id',
      {
        preHandler: full,
        schema: {
          tags,
          summary: 'Remove a passkey',
          params: passkeyIdParams,
          response: { 200: okResponse },
        },
      },
      async (request) => {
        const ctx = portalOf(request);
        requireRecentAuthentication(ctx, app.clock.now());
        await passkeys.remove(portalSubject(ctx.accountId), request.params.id, portalActor(ctx));
        return { ok: true as const };
      },
    );

    fastify.post(
      '/api/portal/auth/passkey/options',
      {
        preHandler: limited,
        schema: {
          tags,
          summary:
            'WebAuthn request options for a passwordless sign-in (no email: nothing to enumerate)',
          response: { 200: webauthnJson },
        },
      },
      async () => passkeys.signInOptions('portal'),
    );

    fastify.post(
      '/api/portal/auth/passkey',
      {
        preHandler: limited,
        schema: {
          tags,
          summary: 'Sign in with a passkey (both factors at once)',
          body: passkeySignInRequest,
          response: { 200: portalMe },
        },
      },
      async (request, reply) => {
        const meta = requestMeta(request);
        const { subjectId: accountId, factorId } = await passkeys.verifySignIn(
          'portal',
          request.body.response,
        );
        const now = app.clock.now();
        const { token, sessionId } = await app.db.system(async (tx) => {
          const opened = await openPortalSession(
            tx,
            {
              accountId,
              practiceId: null,
              patientId: null,
              method: 'passkey',
              mfaPending: false,
              meta,
            },
            now,
          );
          await writeAudit(
            tx,
            { practiceId: null, actorType: 'portal_account', actorId: accountId, meta },
            now,
            {
              action: 'portal.sign_in',
              entityType: 'portal_session',
              entityId: opened.sessionId,
              details: { method: 'passkey', factorId },
            },
          );
          return opened;
        });
        const e = expiries(
          { createdAt: now, lastSeenAt: now, endedAt: null },
          sessionPolicy.patient,
        );
        try {
          // `me` chooses the record to open (the session starts with none) or refuses when none is open.
          const me = await portalAuth.me({
            ctx: {
              kind: 'portal',
              accountId,
              sessionId,
              practiceId: null,
              patientId: null,
              reauthenticatedAt: now,
              meta,
            },
            mfaPending: false,
            selectedPatientId: null,
            ...e,
          });
          void reply.setCookie(cookie, token, cookieOptions);
          return me;
        } catch (error) {
          if (error instanceof AppError) {
            await app.db.system((tx) => endPortalSession(tx, sessionId, 'access_ended', now));
          }
          throw error;
        }
      },
    );
  };
}
