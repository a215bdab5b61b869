import { and, eq, isNull, sql } from 'drizzle-orm';
import type { Database, Tx } from '../../platform/db/database.ts';
import type { Clock } from '../../platform/clock.ts';
import type { PortalContext, RequestMeta } from '../../platform/auth/context.ts';
import { AppError } from '../../platform/errors.ts';
import { hashToken, newToken } from '../../platform/tokens.ts';
import {
  expiries,
  sessionPolicy,
  sessionVerdict,
  shouldTouch,
} from '../../platform/auth/session-rules.ts';
import { todayIn } from '../../platform/time.ts';
import { patients } from '../patients/tables.ts';
import { practices } from '../practices/tables.ts';
import { recordIsOpen } from './rules.ts';
import { portalAccess, portalSessions } from './tables.ts';

/** POLICY.md: sensitive changes need the password again within the last 10 minutes. */
export const reauthWindowMinutes = 10;

export type PortalSignInMethod = (typeof portalSessions.$inferSelect)['signInMethod'];

export interface OpenSessionInput {
  accountId: string;
  practiceId: string | null;
  patientId: string | null;
  method: PortalSignInMethod;
  /** True when a second factor must still be given before the session may do anything else. */
  mfaPending: boolean;
  meta: RequestMeta;
}

/** Opens a portal session inside the caller's transaction; returns the cookie token (only its hash is stored). */
export async function openPortalSession(
  tx: Tx,
  input: OpenSessionInput,
  now: Date,
): Promise<{ token: string; sessionId: string }> {
  const token = newToken();
  const [row] = await tx
    .insert(portalSessions)
    .values({
      tokenHash: hashToken(token),
      accountId: input.accountId,
      practiceId: input.practiceId,
      patientId: input.patientId,
      signInMethod: input.method,
      mfaPending: input.mfaPending,
      secondFactorAt: null,
      reauthenticatedAt: now,
      createdAt: now,
      lastSeenAt: now,
      ip: input.meta.ip,
      userAgent: input.meta.userAgent,
    })
    .returning({ id: portalSessions.id });
  if (!row) throw new Error('session insert returned nothing');
  return { token, sessionId: row.id };
}

/** Ends every open session of an account (password reset, "sign out everywhere"), optionally but one. */
export async function endAccountSessions(
  tx: Tx,
  accountId: string,
  reason: string,
  now: Date,
  exceptSessionId?: string,
): Promise<number> {
  const ended = await tx
    .update(portalSessions)
    .set({ endedAt: now, endReason: reason })
    .where(
      and(
        eq(portalSessions.accountId, accountId),
        isNull(portalSessions.endedAt),
        exceptSessionId ? sql`${portalSessions.id} <> ${exceptSessionId}` : undefined,
      ),
    )
    .returning({ id: portalSessions.id });
  return ended.length;
}

export interface ResolvedPortalSession {
  ctx: PortalContext;
  mfaPending: boolean;
  /** The record the session was opened for, even when it can no longer be opened (`ctx` has null then). */
  selectedPatientId: string | null;
  idleExpiresAt: Date;
  absoluteExpiresAt: Date;
}

/**
 * Resolves a portal session cookie, enforcing the idle (30 min) and absolute (12 h) timeouts on
 * the server. Background requests (`X-Portico-Background: 1`) do not extend the idle timeout.
 */
export function createPortalSessionResolver({ db, clock }: { db: Database; clock: Clock }) {
  /**
   * The session check on every portal request: one named prepared statement (planned once per
   * connection, like the staff one), outside any transaction.
   */
  const sessionLookup = db.direct(async (d) =>
    d
      .select({
        session: portalSessions,
        endDate: patients.endDate,
        timeZone: practices.timeZone,
        hasAccess: portalAccess.accountId,
      })
      .from(portalSessions)
      .leftJoin(patients, eq(patients.id, portalSessions.patientId))
      .leftJoin(practices, eq(practices.id, portalSessions.practiceId))
      .leftJoin(
        portalAccess,
        and(
          eq(portalAccess.practiceId, portalSessions.practiceId),
          eq(portalAccess.patientId, portalSessions.patientId),
          eq(portalAccess.accountId, portalSessions.accountId),
        ),
      )
      .where(eq(portalSessions.tokenHash, sql.placeholder('tokenHash')))
      .prepare('portal_session_lookup'),
  );

  return async function resolve(
    token: string,
    meta: RequestMeta,
    options: { background: boolean },
  ): Promise<ResolvedPortalSession> {
    const now = clock.now();
    const [found] = await (await sessionLookup).execute({ tokenHash: hashToken(token) });
    if (!found) throw new AppError('UNAUTHENTICATED', 'Please sign in.');
    const row = found.session;
    // The record in use must still be open (not end-dated at the practice, access not removed):
    // otherwise the session carries no record and every patient endpoint refuses (portalPatientOf).
    const recordOpen =
      found.hasAccess !== null &&
      found.timeZone !== null &&
      recordIsOpen(found.endDate, todayIn(found.timeZone, now));
    const verdict = sessionVerdict(row, now, sessionPolicy.patient);
    if (verdict !== 'active') {
      if (!row.endedAt) {
        await db.direct((d) =>
          d
            .update(portalSessions)
            .set({ endedAt: now, endReason: verdict })
            .where(and(eq(portalSessions.id, row.id), isNull(portalSessions.endedAt))),
        );
      }
      throw new AppError('SESSION_EXPIRED', 'Your session has ended. Please sign in again.');
    }
    let lastSeenAt = row.lastSeenAt;
    if (!options.background && shouldTouch(lastSeenAt, now)) {
      await db.direct((d) =>
        d.update(portalSessions).set({ lastSeenAt: now }).where(eq(portalSessions.id, row.id)),
      );
      lastSeenAt = now;
    }
    const e = expiries({ ...row, lastSeenAt }, sessionPolicy.patient);
    return {
      ctx: {
        kind: 'portal',
        accountId: row.accountId,
        sessionId: row.id,
        practiceId: recordOpen ? row.practiceId : null,
        patientId: recordOpen ? row.patientId : null,
        reauthenticatedAt: row.reauthenticatedAt,
        meta,
      },
      mfaPending: row.mfaPending && !row.secondFactorAt,
      selectedPatientId: row.patientId,
      idleExpiresAt: e.idleExpiresAt,
      absoluteExpiresAt: e.absoluteExpiresAt,
    };
  };
}

export type PortalSessionResolver = ReturnType<typeof createPortalSessionResolver>;

/** Throws REAUTH_REQUIRED unless the password was entered in this session within 10 minutes. */
export function requireRecentAuthentication(ctx: PortalContext, now: Date): void {
  if (now.getTime() - ctx.reauthenticatedAt.getTime() > reauthWindowMinutes * 60_000) {
    throw new AppError(
      'REAUTH_REQUIRED',
      'For your security, enter your password again to make this change.',
    );
  }
}

/** The second factor was given: the session may now do everything a full session does. */
export async function completeSecondFactor(tx: Tx, sessionId: string, now: Date): Promise<void> {
  await tx
    .update(portalSessions)
    .set({ secondFactorAt: now, mfaPending: false, lastSeenAt: now })
    .where(and(eq(portalSessions.id, sessionId), isNull(portalSessions.endedAt)));
}
