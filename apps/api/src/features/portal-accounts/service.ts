import { and, asc, desc, eq, isNull, sql } from 'drizzle-orm';
import { passwordStep, signInRefused } from '../../platform/auth/password-step.ts';
import { maskPhone } from '../../platform/phone-mask.ts';
import type { PortalMe, PortalSession, PortalSignInResult } from '@portico/contracts';
import type { Database, Tx } from '../../platform/db/database.ts';
import type { Clock } from '../../platform/clock.ts';
import type { RequestMeta } from '../../platform/auth/context.ts';
import { AppError } from '../../platform/errors.ts';
import { hashToken, newToken } from '../../platform/tokens.ts';
import { todayIn } from '../../platform/time.ts';
import { createPasswordHasher, type PasswordHasher } from '../../platform/auth/password-hash.ts';
import { checkPassword, describePasswordProblem } from '../../platform/auth/password-policy.ts';
import { afterSuccessfulSignIn, signInGate } from '../../platform/auth/sign-in-rules.ts';
import { expiries, sessionPolicy, sessionVerdict } from '../../platform/auth/session-rules.ts';
import { writeAudit, type AuditActor } from '../../platform/audit/audit.ts';
import { enqueueNotification } from '../../platform/outbox/enqueue.ts';
import { patients } from '../patients/tables.ts';
import { practices } from '../practices/tables.ts';
import { secondFactorMethodsOf } from '../mfa/queries.ts';
import {
  chooseRecord,
  deviceDescription,
  portalPasswordChangedEmail,
  portalSignInFailureKey,
  recordIsOpen,
  resetLinkEmail,
  resetLinkExpiresAt,
  resetLinkProblem,
  resetLinkVerdict,
  type ResetLinkProblem,
} from './rules.ts';
import {
  endAccountSessions,
  openPortalSession,
  reauthWindowMinutes,
  type ResolvedPortalSession,
} from './sessions.ts';
import {
  readUnknownEmailFailures,
  recordPortalAccountFailure,
  recordUnknownEmailFailure,
} from './sign-in-failures.ts';
import { portalAccess, portalAccounts, portalPasswordResets, portalSessions } from './tables.ts';

/** A patient record an account may open (or could, before it was end-dated). */
export interface PortalRecord {
  patientId: string;
  practiceId: string;
  firstName: string;
  practiceName: string;
  practiceSlug: string;
  timeZone: string;
  open: boolean;
}

/** An id no row has: the unknown-email paths run the same statements with it (enumeration). */
const nobody = '00000000-0000-0000-0000-000000000000';

const accessEnded = (record: PortalRecord | undefined) =>
  new AppError(
    'FORBIDDEN',
    record
      ? `Your portal access at ${record.practiceName} has ended. Contact the practice.`
      : 'There is no patient record you can open in the portal. Contact your practice.',
  );

const linkUnusable = (reason: ResetLinkProblem) =>
  new AppError('LINK_UNUSABLE', resetLinkProblem(reason), { reason });

/** Every record of an account, oldest access first, with whether it may be opened today. */
async function recordsOf(tx: Tx, accountId: string, now: Date): Promise<PortalRecord[]> {
  const rows = await tx
    .select({
      patientId: portalAccess.patientId,
      practiceId: portalAccess.practiceId,
      firstName: patients.firstName,
      preferredName: patients.preferredName,
      endDate: patients.endDate,
      practiceName: practices.name,
      practiceSlug: practices.slug,
      timeZone: practices.timeZone,
    })
    .from(portalAccess)
    .innerJoin(patients, eq(patients.id, portalAccess.patientId))
    .innerJoin(practices, eq(practices.id, portalAccess.practiceId))
    .where(eq(portalAccess.accountId, accountId))
    .orderBy(asc(portalAccess.createdAt), asc(portalAccess.practiceId));
  return rows.map((r) => ({
    patientId: r.patientId,
    practiceId: r.practiceId,
    firstName: r.preferredName ?? r.firstName,
    practiceName: r.practiceName,
    practiceSlug: r.practiceSlug,
    timeZone: r.timeZone,
    open: recordIsOpen(r.endDate, todayIn(r.timeZone, now)),
  }));
}

function toMe(
  account: { id: string; email: string },
  records: PortalRecord[],
  current: PortalRecord | null,
  session: { idleExpiresAt: Date; absoluteExpiresAt: Date; reauthenticatedAt: Date },
  now: Date,
): PortalMe {
  const reauthUntil = new Date(session.reauthenticatedAt.getTime() + reauthWindowMinutes * 60_000);
  return {
    account: { id: account.id, email: account.email },
    patient: current
      ? {
          id: current.patientId,
          firstName: current.firstName,
          practice: {
            id: current.practiceId,
            name: current.practiceName,
            slug: current.practiceSlug,
          },
        }
      : null,
    records: records.map((r) => ({
      patientId: r.patientId,
      firstName: r.firstName,
      practiceName: r.practiceName,
      practiceSlug: r.practiceSlug,
      active: r.open,
    })),
    session: {
      idleExpiresAt: session.idleExpiresAt.toISOString(),
      absoluteExpiresAt: session.absoluteExpiresAt.toISOString(),
      warnBeforeSeconds: sessionPolicy.warnBeforeIdleSeconds,
      reauthenticatedUntil: reauthUntil > now ? reauthUntil.toISOString() : null,
    },
  };
}

const portalActor = (
  accountId: string,
  practiceId: string | null,
  meta: RequestMeta,
): AuditActor => ({
  practiceId,
  actorType: 'portal_account',
  actorId: accountId,
  meta,
});

async function accountById(tx: Tx, accountId: string) {
  const [account] = await tx.select().from(portalAccounts).where(eq(portalAccounts.id, accountId));
  if (!account) throw new AppError('UNAUTHENTICATED', 'Please sign in.');
  return account;
}

/** What `portalMeFor` needs of a session: a resolved one (`request.portalSession`) fits. */
export type PortalSessionView = Pick<
  ResolvedPortalSession,
  'selectedPatientId' | 'idleExpiresAt' | 'absoluteExpiresAt'
> & {
  ctx: Pick<
    ResolvedPortalSession['ctx'],
    'accountId' | 'sessionId' | 'patientId' | 'reauthenticatedAt' | 'meta'
  >;
};

/**
 * The `portalMe` answer for a session (used by sign-in's neighbours too: the second-factor step,
 * registration). When the session's record can no longer be opened (end-dated at the practice),
 * the session moves to another open record of the account, or the answer is FORBIDDEN until one
 * opens again (a reactivation restores access).
 */
export async function portalMeFor(
  db: Database,
  session: PortalSessionView,
  now: Date,
): Promise<PortalMe> {
  const { ctx } = session;
  return db.system(async (tx) => {
    const account = await accountById(tx, ctx.accountId);
    const records = await recordsOf(tx, ctx.accountId, now);
    let current = records.find((r) => r.open && r.patientId === ctx.patientId) ?? null;
    if (!current) {
      current = chooseRecord(records, session.selectedPatientId);
      if (!current) {
        throw accessEnded(
          records.find((r) => r.patientId === session.selectedPatientId) ?? records[0],
        );
      }
      await tx
        .update(portalSessions)
        .set({ practiceId: current.practiceId, patientId: current.patientId })
        .where(eq(portalSessions.id, ctx.sessionId));
      await writeAudit(tx, portalActor(ctx.accountId, current.practiceId, ctx.meta), now, {
        action: 'portal.switch_record',
        entityType: 'portal_session',
        entityId: ctx.sessionId,
        patientId: current.patientId,
        details: { automatic: true },
      });
    }
    return toMe(
      account,
      records,
      current,
      { ...session, reauthenticatedAt: ctx.reauthenticatedAt },
      now,
    );
  });
}

/** `portalMeFor` by session id, for a session just opened or completed in this request. */
export async function portalMeOfSession(
  db: Database,
  sessionId: string,
  meta: RequestMeta,
  now: Date,
): Promise<PortalMe> {
  const [row] = await db.system((tx) =>
    tx.select().from(portalSessions).where(eq(portalSessions.id, sessionId)),
  );
  if (!row) throw new AppError('UNAUTHENTICATED', 'Please sign in.');
  const e = expiries(row, sessionPolicy.patient);
  return portalMeFor(
    db,
    {
      ctx: {
        accountId: row.accountId,
        sessionId: row.id,
        patientId: row.patientId,
        reauthenticatedAt: row.reauthenticatedAt,
        meta,
      },
      selectedPatientId: row.patientId,
      ...e,
    },
    now,
  );
}

export interface PortalAuthDeps {
  db: Database;
  clock: Clock;
  /** Where the web app is served; reset links point there. */
  publicUrl: string;
  /** Argon2id hashing; one per service by default. */
  passwordHasher?: PasswordHasher;
}

export function createPortalAuthService({ db, clock, publicUrl, passwordHasher }: PortalAuthDeps) {
  const hasher = passwordHasher ?? createPasswordHasher();

  /**
   * Email + password. An email without a usable account answers exactly like a real one with a
   * wrong password (POLICY.md enumeration): the same reads, one Argon2 verification, one write per
   * failure, and its own failure count with the same lockout. Only after a correct password does
   * the answer say anything about the account (its records ended, or a second factor is due).
   */
  async function signIn(
    email: string,
    password: string,
    meta: RequestMeta,
  ): Promise<{ token: string; result: PortalSignInResult }> {
    const now = clock.now();
    const failureKey = portalSignInFailureKey(email);
    const { account, unknownFailures } = await db.system(async (tx) => {
      const [row] = await tx
        .select()
        .from(portalAccounts)
        .where(sql`lower(${portalAccounts.email}) = ${email.toLowerCase()}`);
      return { account: row, unknownFailures: await readUnknownEmailFailures(tx, failureKey) };
    });
    const { account: signedIn, gate } = await passwordStep({
      hasher,
      account,
      unknownFailures,
      password,
      now,
      recordAccountFailure: (id) => recordPortalAccountFailure(db, id, now),
      recordUnknownEmailFailure: () => recordUnknownEmailFailure(db, failureKey, now),
    });
    const usable = { account: signedIn };
    const accountId = usable.account.id;

    const outcome = await db.system(async (tx) => {
      // Re-checked on the locked row: a failure that committed meanwhile may have locked it.
      const [current] = await tx
        .select({
          failedSignIns: portalAccounts.failedSignIns,
          lockedUntil: portalAccounts.lockedUntil,
          passwordDisabled: portalAccounts.passwordDisabled,
        })
        .from(portalAccounts)
        .where(eq(portalAccounts.id, accountId))
        .for('update');
      const latest = current ? signInGate(current, now) : gate;
      if (!latest.allowed) throw signInRefused(latest);
      // The failures are forgotten only when the password completes the sign-in; with a second
      // factor due they carry over until it is given (wrong codes count as failures too).
      const methods = await secondFactorMethodsOf(tx, 'portal', accountId);
      const records = await recordsOf(tx, accountId, now);
      const record = chooseRecord(records, null);
      if (!record || methods.length === 0) {
        await tx
          .update(portalAccounts)
          .set(afterSuccessfulSignIn())
          .where(eq(portalAccounts.id, accountId));
      }
      if (!record) {
        const last = records[0];
        await writeAudit(tx, portalActor(accountId, last?.practiceId ?? null, meta), now, {
          action: 'portal.sign_in',
          entityType: 'portal_account',
          entityId: accountId,
          patientId: last?.patientId ?? null,
          outcome: 'denied',
          details: { reason: 'access_ended' },
        });
        return { kind: 'ended' as const, record: last };
      }
      const { token, sessionId } = await openPortalSession(
        tx,
        {
          accountId,
          practiceId: record.practiceId,
          patientId: record.patientId,
          method: 'password',
          mfaPending: methods.length > 0,
          meta,
        },
        now,
      );
      await writeAudit(tx, portalActor(accountId, record.practiceId, meta), now, {
        action: 'portal.sign_in',
        entityType: 'portal_session',
        entityId: sessionId,
        patientId: record.patientId,
        details: { mfaPending: methods.length > 0 },
      });
      if (methods.length > 0) {
        const result: PortalSignInResult = {
          status: 'mfa_required',
          methods,
          smsTo: methods.includes('sms') ? maskPhone(usable.account.phone) : null,
        };
        return { kind: 'open' as const, token, result };
      }
      const e = expiries({ createdAt: now, lastSeenAt: now, endedAt: null }, sessionPolicy.patient);
      const me = toMe(usable.account, records, record, { ...e, reauthenticatedAt: now }, now);
      return { kind: 'open' as const, token, result: { status: 'signed_in' as const, me } };
    });
    if (outcome.kind === 'ended') throw accessEnded(outcome.record);
    return { token: outcome.token, result: outcome.result };
  }

  /** The signed-in account and the record in use (see `portalMeFor`). */
  function me(session: ResolvedPortalSession): Promise<PortalMe> {
    return portalMeFor(db, session, clock.now());
  }

  /** Ends the session of this cookie token, if it is open. Signing out twice is not an error. */
  async function signOut(token: string, meta: RequestMeta): Promise<void> {
    const now = clock.now();
    await db.system(async (tx) => {
      const [ended] = await tx
        .update(portalSessions)
        .set({ endedAt: now, endReason: 'signed_out' })
        .where(and(eq(portalSessions.tokenHash, hashToken(token)), isNull(portalSessions.endedAt)))
        .returning();
      if (!ended) return;
      await writeAudit(tx, portalActor(ended.accountId, ended.practiceId, meta), now, {
        action: 'portal.sign_out',
        entityType: 'portal_session',
        entityId: ended.id,
        patientId: ended.patientId,
      });
    });
  }

  /**
   * Sends a reset link when the email has an account; answers the same either way (POLICY.md
   * enumeration): both paths run the same reads and the same supersede statement in one
   * transaction; only a real account gets the new link row, the email and an audit event.
   */
  async function forgotPassword(email: string, meta: RequestMeta): Promise<void> {
    const now = clock.now();
    const token = newToken();
    const tokenHash = hashToken(token);
    await db.system(async (tx) => {
      const [account] = await tx
        .select({ id: portalAccounts.id, email: portalAccounts.email })
        .from(portalAccounts)
        .where(sql`lower(${portalAccounts.email}) = ${email.toLowerCase()}`)
        // Locked, so two requests at once cannot each leave a link unsuperseded (newest only).
        .for('update');
      const accountId = account?.id ?? nobody;
      const [firstAccess] = await tx
        .select({ practiceId: portalAccess.practiceId })
        .from(portalAccess)
        .where(eq(portalAccess.accountId, accountId))
        .orderBy(asc(portalAccess.createdAt))
        .limit(1);
      // Only the newest link works: every earlier unused one is superseded.
      await tx
        .update(portalPasswordResets)
        .set({ supersededAt: now })
        .where(
          and(
            eq(portalPasswordResets.accountId, accountId),
            isNull(portalPasswordResets.usedAt),
            isNull(portalPasswordResets.supersededAt),
          ),
        );
      if (!account) return;
      await tx.insert(portalPasswordResets).values({
        tokenHash,
        accountId: account.id,
        createdAt: now,
        expiresAt: resetLinkExpiresAt(now),
      });
      const practiceId = firstAccess?.practiceId ?? null;
      await enqueueNotification(
        tx,
        practiceId,
        {
          channel: 'email',
          to: account.email,
          ...resetLinkEmail({ url: `${publicUrl}/portal/reset-password/${token}` }),
        },
        now,
      );
      await writeAudit(tx, portalActor(account.id, practiceId, meta), now, {
        action: 'portal.password_reset_requested',
        entityType: 'portal_account',
        entityId: account.id,
      });
    });
  }

  /**
   * Completes a reset link: sets the password (POLICY.md rules), lifts a lock or a disabled
   * password, ends every session of the account and emails a notice. It does not sign in: the
   * person signs in with the new password (and their second factor, if any).
   */
  async function resetPassword(token: string, password: string, meta: RequestMeta): Promise<void> {
    const now = clock.now();
    const tokenHash = hashToken(token);
    const target = await db.system(async (tx) => {
      const [row] = await tx
        .select({ link: portalPasswordResets, email: portalAccounts.email })
        .from(portalPasswordResets)
        .innerJoin(portalAccounts, eq(portalAccounts.id, portalPasswordResets.accountId))
        .where(eq(portalPasswordResets.tokenHash, tokenHash));
      if (!row) return undefined;
      return { ...row, records: await recordsOf(tx, row.link.accountId, now) };
    });
    const verdict = resetLinkVerdict(target?.link, now);
    if (!verdict.usable) throw linkUnusable(verdict.reason);
    if (!target) throw linkUnusable('invalid');
    const accountId = target.link.accountId;
    const problem = checkPassword(password, {
      email: target.email,
      practiceName: target.records.map((r) => r.practiceName).join(' '),
    });
    if (problem) {
      const message = describePasswordProblem(problem);
      throw new AppError('VALIDATION', message, {
        issues: [{ path: 'body.password', message }],
      });
    }
    const passwordHash = await hasher.hash(password);
    await db.system(async (tx) => {
      const [link] = await tx
        .select()
        .from(portalPasswordResets)
        .where(eq(portalPasswordResets.tokenHash, tokenHash))
        .for('update');
      const latest = resetLinkVerdict(link, now);
      if (!latest.usable) throw linkUnusable(latest.reason);
      await tx
        .update(portalPasswordResets)
        .set({ usedAt: now })
        .where(eq(portalPasswordResets.tokenHash, tokenHash));
      await tx
        .update(portalAccounts)
        .set({ passwordHash, ...afterSuccessfulSignIn() })
        .where(eq(portalAccounts.id, accountId));
      const ended = await endAccountSessions(tx, accountId, 'password_reset', now);
      const practiceIds = [...new Set(target.records.map((r) => r.practiceId))];
      for (const practiceId of practiceIds.length > 0 ? practiceIds : [null]) {
        await writeAudit(tx, portalActor(accountId, practiceId, meta), now, {
          action: 'portal.password_reset',
          entityType: 'portal_account',
          entityId: accountId,
          details: { sessionsEnded: ended },
        });
      }
      // POLICY.md: completing a reset notifies the account; queued with the change itself.
      const first = target.records[0];
      await enqueueNotification(
        tx,
        first?.practiceId ?? null,
        {
          channel: 'email',
          to: target.email,
          ...portalPasswordChangedEmail({ changedAt: now, timeZone: first?.timeZone ?? 'UTC' }),
        },
        now,
      );
    });
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

  return {
    signIn,
    me,
    signOut,
    forgotPassword,
    resetPassword,
    listSessions,
    endSession,
    endOtherSessions,
    reauthenticate,
    switchRecord,
  };
}

export type PortalAuthService = ReturnType<typeof createPortalAuthService>;
