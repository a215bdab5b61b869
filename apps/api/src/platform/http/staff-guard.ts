import type { FastifyReply, FastifyRequest } from 'fastify';
import type { StaffContext } from '../auth/context.ts';
import type { StaffMe } from '@portico/contracts';
import { AppError } from '../errors.ts';
import { requestMeta } from './request-meta.ts';

declare module 'fastify' {
  interface FastifyRequest {
    staff?: StaffContext;
    staffMe?: StaffMe;
  }
}

export interface StaffAuthenticator {
  authenticate(
    token: string,
    meta: ReturnType<typeof requestMeta>,
    options: { background: boolean },
  ): Promise<{ ctx: StaffContext; me: StaffMe }>;
}

export function staffCookieName(secure: boolean): string {
  return secure ? '__Host-portico_staff' : 'portico_staff';
}

/**
 * The staff session cookie's attributes, for setting and for every clearing: a browser replaces
 * (and so deletes) a `__Host-` cookie only when the clearing carries `Secure` and `Path=/` too.
 */
export function staffCookieOptions(secure: boolean) {
  return { path: '/', httpOnly: true, sameSite: 'lax', secure } as const;
}

/**
 * preHandler for every practice-console route: resolves the session cookie, enforces timeouts.
 * Requests marked `X-Portico-Background: 1` (polling) do not extend the idle timeout.
 */
export function staffGuard(auth: StaffAuthenticator, secureCookies: boolean) {
  const cookie = staffCookieName(secureCookies);
  const cookieOptions = staffCookieOptions(secureCookies);
  return async (request: FastifyRequest, reply: FastifyReply): Promise<void> => {
    const token = request.cookies[cookie];
    if (!token) throw new AppError('UNAUTHENTICATED', 'Please sign in.');
    try {
      const { ctx, me } = await auth.authenticate(token, requestMeta(request), {
        background: request.headers['x-portico-background'] === '1',
      });
      request.staff = ctx;
      request.staffMe = me;
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
}

/** The staff context of a guarded route; a programming error if the guard did not run. */
export function staffOf(request: FastifyRequest): StaffContext {
  if (!request.staff) throw new AppError('UNAUTHENTICATED', 'Please sign in.');
  return request.staff;
}
