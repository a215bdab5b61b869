import { and, asc, eq, isNull, sql } from 'drizzle-orm';
import {
  passwordStep,
  signInRefused,
  wrongCredentials,
} from '../../platform/auth/password-step.ts';
import type { StaffMe, StaffRole } from '@portico/contracts';
import type { Database, Tx } from '../../platform/db/database.ts';
import type { Clock } from '../../platform/clock.ts';
import type { RequestMeta, StaffContext } from '../../platform/auth/context.ts';
import { AppError } from '../../platform/errors.ts';
import { hashToken, newToken } from '../../platform/tokens.ts';
import { createPasswordHasher, type PasswordHasher } from '../../platform/auth/password-hash.ts';
import { afterSuccessfulSignIn, signInGate } from '../../platform/auth/sign-in-rules.ts';
import {
  expiries,
  sessionPolicy,
  sessionVerdict,
  shouldTouch,
} from '../../platform/auth/session-rules.ts';
import { writeAudit } from '../../platform/audit/audit.ts';
import { practices } from '../practices/tables.ts';
import { createPasswordSetup } from './password-setup.ts';
import { signInFailureKey } from './rules.ts';
import {
  readUnknownEmailFailures,
  recordAccountFailure,
  recordUnknownEmailFailure,
} from './sign-in-failures.ts';
import { staffMemberships, staffSessions, staffUsers } from './tables.ts';
import { secondFactorMethodsOf, staffHasFactorSql } from '../mfa/queries.ts';
import { staffSecondFactorState, type StaffSecondFactorState } from '../mfa/second-factor-rules.ts';

export interface StaffAuthDeps {
  db: Database;
  clock: Clock;
  /** Argon2id hashing; one per service by default. Tests pass a counting one. */
  passwordHasher?: PasswordHasher;
}

export function createStaffAuthService({ db, clock, passwordHasher }: StaffAuthDeps) {
  const hasher = passwordHasher ?? createPasswordHasher();

  /**
   * Signs in with email + password. An email without a usable account answers exactly like a
   * real one (POLICY.md enumeration): the same reads, one Argon2 verification, one write per
   * failure, and its own failure count with the same lockout.
   */
  async function signIn(
    email: string,
    password: string,
    meta: RequestMeta,
  ): Promise<{ token: string; me: StaffMe }> {
    const now = clock.now();
    const failureKey = signInFailureKey(email);
    const { user, unknownFailures } = await db.system(async (tx) => {
      const [row] = await tx
        .select()
        .from(staffUsers)
        .where(sql`lower(${staffUsers.email}) = ${email.toLowerCase()}`);
      return { user: row, unknownFailures: await readUnknownEmailFailures(tx, failureKey) };
    });
    const { account: signedIn, gate } = await passwordStep({
      hasher,
      account: user,
      unknownFailures,
      password,
      now,
      recordAccountFailure: (id) => recordAccountFailure(db, id, now),
      recordUnknownEmailFailure: () => recordUnknownEmailFailure(db, failureKey, now),
    });
    const account = { user: signedIn };

    const token = newToken();
    const me = await db.system(async (tx) => {
      // Re-checked on the locked row: a failure that committed meanwhile may have locked it.
      const [current] = await tx
        .select({
          failedSignIns: staffUsers.failedSignIns,
          lockedUntil: staffUsers.lockedUntil,
          passwordDisabled: staffUsers.passwordDisabled,
        })
        .from(staffUsers)
        .where(eq(staffUsers.id, account.user.id))
        .for('update');
      const latest = current ? signInGate(current, now) : gate;
      if (!latest.allowed) throw signInRefused(latest);
      const [membership] = await tx
        .select({ practice: practices, role: staffMemberships.role })
        .from(staffMemberships)
        .innerJoin(practices, eq(practices.id, staffMemberships.practiceId))
        .where(
          and(eq(staffMemberships.staffUserId, account.user.id), eq(staffMemberships.active, true)),
        )
        .orderBy(asc(staffMemberships.createdAt))
        .limit(1);
      if (!membership) throw wrongCredentials();
      // With a second factor due, the failures carry over until it is given (wrong codes count).
      if ((await secondFactorMethodsOf(tx, 'staff', account.user.id)).length === 0) {
        await tx
          .update(staffUsers)
          .set(afterSuccessfulSignIn())
          .where(eq(staffUsers.id, account.user.id));
      }
      const [session] = await tx
        .insert(staffSessions)
        .values({
          tokenHash: hashToken(token),
          staffUserId: account.user.id,
          practiceId: membership.practice.id,
          createdAt: now,
          lastSeenAt: now,
          ip: meta.ip,
          userAgent: meta.userAgent,
        })
        .returning();
      if (!session) throw new Error('session insert returned nothing');
      await writeAudit(
        tx,
        { practiceId: membership.practice.id, actorType: 'staff', actorId: account.user.id, meta },
        now,
        { action: 'staff.sign_in', entityType: 'staff_session', entityId: session.id },
      );
      return toMe(account.user, membership.practice, membership.role, session);
    });
    return { token, me };
  }

  /** Resolves a session cookie to a staff context, enforcing idle and absolute timeouts on the server. */
  /**
   * The session check on every console request: one prepared statement outside any transaction
   * (one round trip), plus a `last_seen_at` write at most once a minute.
   */
  const sessionLookup = db.direct(async (d) =>
    d
      .select({
        sessionId: staffSessions.id,
        createdAt: staffSessions.createdAt,
        lastSeenAt: staffSessions.lastSeenAt,
        endedAt: staffSessions.endedAt,
        secondFactorAt: staffSessions.secondFactorAt,
        hasFactor: staffHasFactorSql(staffUsers.id),
        user: { id: staffUsers.id, email: staffUsers.email, displayName: staffUsers.displayName },
        practice: {
          id: practices.id,
          name: practices.name,
          slug: practices.slug,
          timeZone: practices.timeZone,
        },
        role: staffMemberships.role,
      })
      .from(staffSessions)
      .innerJoin(staffUsers, eq(staffUsers.id, staffSessions.staffUserId))
      .innerJoin(practices, eq(practices.id, staffSessions.practiceId))
      .innerJoin(
        staffMemberships,
        and(
          eq(staffMemberships.staffUserId, staffSessions.staffUserId),
          eq(staffMemberships.practiceId, staffSessions.practiceId),
          eq(staffMemberships.active, true),
        ),
      )
      .where(eq(staffSessions.tokenHash, sql.placeholder('tokenHash')))
      .prepare('staff_session_lookup'),
  );

  async function authenticate(
    token: string,
    meta: RequestMeta,
    options: { background: boolean },
  ): Promise<{
    ctx: StaffContext;
    me: StaffMe;
    secondFactor: StaffSecondFactorState;
    signedInAt: Date;
  }> {
    const now = clock.now();
    const [row] = await (await sessionLookup).execute({ tokenHash: hashToken(token) });
    if (!row) throw new AppError('UNAUTHENTICATED', 'Please sign in.');
    let session = {
      id: row.sessionId,
      createdAt: row.createdAt,
      lastSeenAt: row.lastSeenAt,
      endedAt: row.endedAt,
      secondFactorAt: row.secondFactorAt,
    };
    const verdict = sessionVerdict(session, now, sessionPolicy.staff);
    if (verdict !== 'active') {
      if (!session.endedAt) {
        await db.direct((d) =>
          d
            .update(staffSessions)
            .set({ endedAt: now, endReason: verdict })
            .where(and(eq(staffSessions.id, session.id), isNull(staffSessions.endedAt))),
        );
      }
      throw new AppError('SESSION_EXPIRED', 'Your session has ended. Please sign in again.');
    }
    if (!options.background && shouldTouch(session.lastSeenAt, now)) {
      await db.direct((d) =>
        d.update(staffSessions).set({ lastSeenAt: now }).where(eq(staffSessions.id, session.id)),
      );
      session = { ...session, lastSeenAt: now };
    }
    const ctx: StaffContext = {
      kind: 'staff',
      practiceId: row.practice.id,
      staffUserId: row.user.id,
      role: row.role,
      sessionId: session.id,
      meta,
    };
    const secondFactor = staffSecondFactorState({
      secondFactorAt: session.secondFactorAt,
      hasFactor: row.hasFactor,
    });
    return {
      ctx,
      me: toMe(row.user, row.practice, row.role, session),
      secondFactor,
      signedInAt: session.createdAt,
    };
  }

  async function signOut(ctx: StaffContext): Promise<void> {
    const now = clock.now();
    await db.system(async (tx) => {
      await tx
        .update(staffSessions)
        .set({ endedAt: now, endReason: 'signed_out' })
        .where(eq(staffSessions.id, ctx.sessionId));
      await writeAudit(
        tx,
        {
          practiceId: ctx.practiceId,
          actorType: 'staff',
          actorId: ctx.staffUserId,
          meta: ctx.meta,
        },
        now,
        {
          action: 'staff.sign_out',
          entityType: 'staff_session',
          entityId: ctx.sessionId,
        },
      );
    });
  }

  return {
    signIn,
    authenticate,
    signOut,
    ...createPasswordSetup({ db, clock, hasher }),
  };
}

export type StaffAuthService = ReturnType<typeof createStaffAuthService>;

/** The second factor was given or enrolled: the staff session may now use the whole console. */
export async function completeStaffSecondFactor(
  tx: Tx,
  sessionId: string,
  now: Date,
): Promise<void> {
  await tx
    .update(staffSessions)
    .set({ secondFactorAt: now, lastSeenAt: now })
    .where(and(eq(staffSessions.id, sessionId), isNull(staffSessions.endedAt)));
}

/** Ends one staff session (too many wrong second-factor codes). */
export async function endStaffSession(
  tx: Tx,
  sessionId: string,
  reason: string,
  now: Date,
): Promise<void> {
  await tx
    .update(staffSessions)
    .set({ endedAt: now, endReason: reason })
    .where(and(eq(staffSessions.id, sessionId), isNull(staffSessions.endedAt)));
}

function toMe(
  user: { id: string; email: string; displayName: string },
  practice: { id: string; name: string; slug: string; timeZone: string },
  role: StaffRole,
  session: { createdAt: Date; lastSeenAt: Date; endedAt: Date | null; secondFactorAt: Date | null },
): StaffMe {
  const e = expiries(session, sessionPolicy.staff);
  return {
    user: { id: user.id, email: user.email, displayName: user.displayName },
    practice: {
      id: practice.id,
      name: practice.name,
      slug: practice.slug,
      timeZone: practice.timeZone,
    },
    role,
    session: {
      idleExpiresAt: e.idleExpiresAt.toISOString(),
      absoluteExpiresAt: e.absoluteExpiresAt.toISOString(),
      // Staff MFA is mandatory: a session is complete once it gave (or enrolled) a second factor.
      secondFactorSatisfied: session.secondFactorAt !== null,
    },
  };
}
