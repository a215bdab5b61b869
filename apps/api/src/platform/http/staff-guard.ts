import type { FastifyReply, FastifyRequest } from 'fastify';
import type { StaffContext } from '../auth/context.ts';
import type { StaffMe } from '@portico/contracts';
import { AppError } from '../errors.ts';
import { requestMeta } from './request-meta.ts';
import {
  staffRouteAllowed,
  type StaffSecondFactorState,
} from '../../features/mfa/second-factor-rules.ts';

declare module 'fastify' {
  interface FastifyRequest {
    staff?: StaffContext;
    staffMe?: StaffMe;
    /** Where the session stands with its mandatory second factor. */
    staffSecondFactor?: StaffSecondFactorState;
    /** When the password was entered for this session. */
    staffSignedInAt?: Date;
  }
}

export interface StaffAuthenticator {
  authenticate(
    token: string,
    meta: ReturnType<typeof requestMeta>,
    options: { background: boolean },
  ): Promise<{
    ctx: StaffContext;
    me: StaffMe;
    secondFactor: StaffSecondFactorState;
    /** When the password was entered for this session (staff re-authenticate by signing in). */
    signedInAt: Date;
  }>;
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
 * Staff MFA is mandatory: until the session gave its second factor it reaches only who-am-I,
 * sign-out and the second-factor step (`MFA_REQUIRED`), or, with no factor set up yet, only
 * enrollment (`MFA_ENROLLMENT_REQUIRED`).
 */
export function staffGuard(auth: StaffAuthenticator, secureCookies: boolean) {
  const cookie = staffCookieName(secureCookies);
  const cookieOptions = staffCookieOptions(secureCookies);
  return async (request: FastifyRequest, reply: FastifyReply): Promise<void> => {
    const token = request.cookies[cookie];
    if (!token) throw new AppError('UNAUTHENTICATED', 'Please sign in.');
    try {
      const { ctx, me, secondFactor, signedInAt } = await auth.authenticate(
        token,
        requestMeta(request),
        {
          background: request.headers['x-portico-background'] === '1',
        },
      );
      if (!staffRouteAllowed(secondFactor, request.routeOptions.url ?? request.url)) {
        throw secondFactor === 'required'
          ? new AppError('MFA_REQUIRED', 'Finish signing in with your second factor.')
          : new AppError(
              'MFA_ENROLLMENT_REQUIRED',
              'Set up two-step verification (an authenticator app or a passkey) to continue.',
            );
      }
      request.staff = ctx;
      request.staffMe = me;
      request.staffSecondFactor = secondFactor;
      request.staffSignedInAt = signedInAt;
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
