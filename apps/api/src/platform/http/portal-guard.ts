import type { FastifyReply, FastifyRequest } from 'fastify';
import type { PortalContext } from '../auth/context.ts';
import { AppError } from '../errors.ts';
import { requestMeta } from './request-meta.ts';
import type {
  PortalSessionResolver,
  ResolvedPortalSession,
} from '../../features/portal-accounts/sessions.ts';

declare module 'fastify' {
  interface FastifyRequest {
    portal?: PortalContext;
    portalSession?: ResolvedPortalSession;
  }
}

export function portalCookieName(secure: boolean): string {
  return secure ? '__Host-portico_portal' : 'portico_portal';
}

/** The portal session cookie's attributes, for setting and for every clearing (see staff-guard.ts). */
export function portalCookieOptions(secure: boolean) {
  return { path: '/', httpOnly: true, sameSite: 'lax', secure } as const;
}

/**
 * preHandlers for portal routes. `full` (the default for every patient endpoint) refuses a session
 * still waiting for its second factor; `mfaPending` admits it (the second-factor endpoints only).
 * Every refusal is UNAUTHENTICATED/SESSION_EXPIRED/MFA_REQUIRED, and an ended session's cookie is cleared.
 */
export function portalGuards(resolve: PortalSessionResolver, secureCookies: boolean) {
  const cookie = portalCookieName(secureCookies);
  const cookieOptions = portalCookieOptions(secureCookies);
  const guard =
    (allowMfaPending: boolean) =>
    async (request: FastifyRequest, reply: FastifyReply): Promise<void> => {
      const token = request.cookies[cookie];
      if (!token) throw new AppError('UNAUTHENTICATED', 'Please sign in.');
      try {
        const session = await resolve(token, requestMeta(request), {
          background: request.headers['x-portico-background'] === '1',
        });
        if (session.mfaPending && !allowMfaPending) {
          throw new AppError('MFA_REQUIRED', 'Finish signing in with your second factor.');
        }
        request.portal = session.ctx;
        request.portalSession = session;
      } catch (error) {
        if (
          error instanceof AppError &&
          (error.code === 'SESSION_EXPIRED' || error.code === 'UNAUTHENTICATED')
        ) {
          void reply.clearCookie(cookie, cookieOptions);
        }
        throw error;
      }
    };
  return { full: guard(false), mfaPending: guard(true), cookie, cookieOptions };
}

export type PortalGuards = ReturnType<typeof portalGuards>;

/** The portal context of a guarded route. */
export function portalOf(request: FastifyRequest): PortalContext {
  if (!request.portal) throw new AppError('UNAUTHENTICATED', 'Please sign in.');
  return request.portal;
}

/**
 * The patient record in use; FORBIDDEN when the session has none it may open. The session
 * resolver leaves the record out as soon as it is end-dated at the practice (or the access is
 * gone), so every patient endpoint refuses at once; `GET /api/portal/auth/me` then moves the
 * session to another open record, if the account has one.
 */
export function portalPatientOf(request: FastifyRequest): PortalContext & {
  practiceId: string;
  patientId: string;
} {
  const ctx = portalOf(request);
  if (!ctx.practiceId || !ctx.patientId) {
    throw new AppError(
      'FORBIDDEN',
      'Your portal access to this record has ended. Contact the practice.',
    );
  }
  return { ...ctx, practiceId: ctx.practiceId, patientId: ctx.patientId };
}
