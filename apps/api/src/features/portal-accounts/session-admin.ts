import { and, desc, eq, isNull } from 'drizzle-orm';
import type { PortalMe, PortalSession } from '@portico/contracts';
import { signInRefused } from '../../platform/auth/password-step.ts';
import { AppError } from '../../platform/errors.ts';
import { afterSuccessfulSignIn, signInGate } from '../../platform/auth/sign-in-rules.ts';
import { sessionPolicy, sessionVerdict } from '../../platform/auth/session-rules.ts';
import { writeAudit } from '../../platform/audit/audit.ts';
import type { PortalAuthParts } from './deps.ts';
import { portalActor } from './portal-actor.ts';
import { accessEnded, accountById, portalMeFor, recordsOf } from './records.ts';
import { deviceDescription } from './rules.ts';
import { endAccountSessions, type ResolvedPortalSession } from './sessions.ts';
import { recordPortalAccountFailure } from './sign-in-failures.ts';
import { portalAccounts, portalSessions } from './tables.ts';

/** What a signed-in account does with its sessions: me, list, end, re-authenticate, switch record. */
export function createPortalSessionAdmin({ db, clock, hasher }: PortalAuthParts) {
  /** The signed-in account and the record in use (see `portalMeFor`). */
  function me(session: ResolvedPortalSession): Promise<PortalMe> {
    return portalMeFor(db, session, clock.now());
  }

  /** The account's open sessions, most recently used first. */
  async function listSessions(session: ResolvedPortalSession): Promise<PortalSession[]> {
    const now = clock.now();
    const { ctx } = session;
    const rows = await db.system((tx) =>
      tx
        .select()
        .from(portalSessions)
        .where(and(eq(portalSessions.accountId, ctx.accountId), isNull(portalSessions.endedAt)))
        .orderBy(desc(portalSessions.lastSeenAt), desc(portalSessions.createdAt)),
    );
    return rows
      .filter((r) => sessionVerdict(r, now, sessionPolicy.patient) === 'active')
      .map((r) => ({
        id: r.id,
        current: r.id === ctx.sessionId,
        createdAt: r.createdAt.toISOString(),
        lastSeenAt: r.lastSeenAt.toISOString(),
        signInMethod: r.signInMethod,
        ip: r.ip,
        device: deviceDescription(r.userAgent),
      }));
  }

  /** Ends one of the account's own sessions; another account's (or an ended one) is NOT_FOUND. */
  async function endSession(
    session: ResolvedPortalSession,
    sessionId: string,
  ): Promise<{ current: boolean }> {
    const now = clock.now();
    const { ctx } = session;
    return db.system(async (tx) => {
      const [ended] = await tx
        .update(portalSessions)
        .set({ endedAt: now, endReason: 'ended_by_account' })
        .where(
          and(
            eq(portalSessions.id, sessionId),
            eq(portalSessions.accountId, ctx.accountId),
            isNull(portalSessions.endedAt),
          ),
        )
        .returning({ id: portalSessions.id });
      if (!ended)
        throw new AppError('NOT_FOUND', 'This session was not found or has already ended.');
      await writeAudit(tx, portalActor(ctx.accountId, ctx.practiceId, ctx.meta), now, {
        action: 'portal.session_end',
        entityType: 'portal_session',
        entityId: sessionId,
      });
      return { current: sessionId === ctx.sessionId };
    });
  }

  /** "Sign out everywhere else": ends every other session of the account. */
  async function endOtherSessions(session: ResolvedPortalSession): Promise<number> {
    const now = clock.now();
    const { ctx } = session;
    return db.system(async (tx) => {
      const ended = await endAccountSessions(
        tx,
        ctx.accountId,
        'ended_by_account',
        now,
        ctx.sessionId,
      );
      await writeAudit(tx, portalActor(ctx.accountId, ctx.practiceId, ctx.meta), now, {
        action: 'portal.sessions_end_others',
        entityType: 'portal_account',
        entityId: ctx.accountId,
        details: { ended },
      });
      return ended;
    });
  }

  /**
   * The password again, before a sensitive change (POLICY.md: within 10 minutes). A wrong password
   * counts as a failed sign-in; a locked account is refused like at sign-in.
   */
  async function reauthenticate(
    session: ResolvedPortalSession,
    password: string,
  ): Promise<PortalMe> {
    const now = clock.now();
    const { ctx } = session;
    const account = await db.system((tx) => accountById(tx, ctx.accountId));
    const gate = signInGate(account, now);
    if (!gate.allowed) {
      await hasher.verifyAgainstDummy(password);
      throw signInRefused(gate);
    }
    const ok = account.passwordHash
      ? await hasher.verify(account.passwordHash, password)
      : await hasher.verifyAgainstDummy(password);
    if (!ok) {
      await recordPortalAccountFailure(db, account.id, now);
      const message = 'The password is incorrect.';
      throw new AppError('VALIDATION', message, { issues: [{ path: 'body.password', message }] });
    }
    await db.system(async (tx) => {
      await tx
        .update(portalSessions)
        .set({ reauthenticatedAt: now })
        .where(eq(portalSessions.id, ctx.sessionId));
      await tx
        .update(portalAccounts)
        .set(afterSuccessfulSignIn())
        .where(eq(portalAccounts.id, account.id));
      await writeAudit(tx, portalActor(account.id, ctx.practiceId, ctx.meta), now, {
        action: 'portal.reauthenticate',
        entityType: 'portal_session',
        entityId: ctx.sessionId,
      });
    });
    return me({ ...session, ctx: { ...ctx, reauthenticatedAt: now } });
  }

  /** Acts for another record of the account; only records that may be opened today. */
  async function switchRecord(
    session: ResolvedPortalSession,
    patientId: string,
  ): Promise<PortalMe> {
    const now = clock.now();
    const { ctx } = session;
    const target = await db.system(async (tx) => {
      const records = await recordsOf(tx, ctx.accountId, now);
      const record = records.find((r) => r.patientId === patientId);
      if (!record) throw new AppError('NOT_FOUND', 'This record was not found.');
      if (!record.open) throw accessEnded(record);
      await tx
        .update(portalSessions)
        .set({ practiceId: record.practiceId, patientId: record.patientId })
        .where(eq(portalSessions.id, ctx.sessionId));
      await writeAudit(tx, portalActor(ctx.accountId, record.practiceId, ctx.meta), now, {
        action: 'portal.switch_record',
        entityType: 'portal_session',
        entityId: ctx.sessionId,
        patientId: record.patientId,
      });
      return record;
    });
    return me({
      ...session,
      selectedPatientId: target.patientId,
      ctx: { ...ctx, practiceId: target.practiceId, patientId: target.patientId },
    });
  }

  return { me, listSessions, endSession, endOtherSessions, reauthenticate, switchRecord };
}
