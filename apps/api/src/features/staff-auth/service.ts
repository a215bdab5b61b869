import { and, asc, eq, isNull, sql } from 'drizzle-orm';
import type { StaffMe, StaffRole } from '@portico/contracts';
import type { Database } from '../../platform/db/database.ts';
import type { Clock } from '../../platform/clock.ts';
import type { RequestMeta, StaffContext } from '../../platform/auth/context.ts';
import { AppError } from '../../platform/errors.ts';
import { hashToken, newToken } from '../../platform/tokens.ts';
import {
  hashPassword,
  verifyAgainstDummy,
  verifyPassword,
} from '../../platform/auth/password-hash.ts';
import { checkPassword, describePasswordProblem } from '../../platform/auth/password-policy.ts';
import {
  afterFailedSignIn,
  afterSuccessfulSignIn,
  signInGate,
} from '../../platform/auth/sign-in-rules.ts';
import {
  expiries,
  sessionPolicy,
  sessionVerdict,
  shouldTouch,
} from '../../platform/auth/session-rules.ts';
import { writeAudit } from '../../platform/audit/audit.ts';
import { practices } from '../practices/tables.ts';
import { passwordSetupTokens, staffMemberships, staffSessions, staffUsers } from './tables.ts';

const wrongCredentials = () =>
  new AppError('UNAUTHENTICATED', 'The email or password is incorrect.');

export interface StaffAuthDeps {
  db: Database;
  clock: Clock;
}

export function createStaffAuthService({ db, clock }: StaffAuthDeps) {
  /** Signs in with email + password. Unknown emails cost the same Argon2 verification as known ones. */
  async function signIn(
    email: string,
    password: string,
    meta: RequestMeta,
  ): Promise<{ token: string; me: StaffMe }> {
    const now = clock.now();
    const user = await db.system(async (tx) => {
      const [row] = await tx
        .select()
        .from(staffUsers)
        .where(sql`lower(${staffUsers.email}) = ${email.toLowerCase()}`);
      return row;
    });
    if (!user?.passwordHash) {
      await verifyAgainstDummy(password);
      throw wrongCredentials();
    }
    const gate = signInGate(user, now);
    if (!gate.allowed) {
      await verifyAgainstDummy(password);
      throw gate.reason === 'locked'
        ? new AppError(
            'ACCOUNT_LOCKED',
            `Too many failed sign-ins. Try again in ${Math.ceil(gate.retryAfterSeconds / 60)} minutes, or reset your password.`,
            { retryAfterSeconds: gate.retryAfterSeconds },
          )
        : new AppError(
            'ACCOUNT_LOCKED',
            'This password has been disabled after many failed sign-ins. Reset it to continue.',
          );
    }
    const ok = await verifyPassword(user.passwordHash, password);
    if (!ok) {
      const next = afterFailedSignIn(user, now);
      await db.system(async (tx) => {
        // Increment in SQL so concurrent failures are all counted.
        await tx
          .update(staffUsers)
          .set({
            failedSignIns: sql`${staffUsers.failedSignIns} + 1`,
            lockedUntil: next.lockedUntil,
            passwordDisabled: next.passwordDisabled,
          })
          .where(eq(staffUsers.id, user.id));
      });
      throw wrongCredentials();
    }

    const token = newToken();
    const me = await db.system(async (tx) => {
      const [membership] = await tx
        .select({ practice: practices, role: staffMemberships.role })
        .from(staffMemberships)
        .innerJoin(practices, eq(practices.id, staffMemberships.practiceId))
        .where(and(eq(staffMemberships.staffUserId, user.id), eq(staffMemberships.active, true)))
        .orderBy(asc(staffMemberships.createdAt))
        .limit(1);
      if (!membership) throw wrongCredentials();
      await tx.update(staffUsers).set(afterSuccessfulSignIn()).where(eq(staffUsers.id, user.id));
      const [session] = await tx
        .insert(staffSessions)
        .values({
          tokenHash: hashToken(token),
          staffUserId: user.id,
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
        { practiceId: membership.practice.id, actorType: 'staff', actorId: user.id, meta },
        now,
        { action: 'staff.sign_in', entityType: 'staff_session', entityId: session.id },
      );
      return toMe(user, membership.practice, membership.role, session);
    });
    return { token, me };
  }

  /** Resolves a session cookie to a staff context, enforcing idle and absolute timeouts on the server. */
  async function authenticate(
    token: string,
    meta: RequestMeta,
    options: { background: boolean },
  ): Promise<{ ctx: StaffContext; me: StaffMe }> {
    const now = clock.now();
    return db.system(async (tx) => {
      const [row] = await tx
        .select({
          session: staffSessions,
          user: staffUsers,
          practice: practices,
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
        .where(eq(staffSessions.tokenHash, hashToken(token)));
      if (!row) throw new AppError('UNAUTHENTICATED', 'Please sign in.');
      const verdict = sessionVerdict(row.session, now, sessionPolicy.staff);
      if (verdict !== 'active') {
        if (!row.session.endedAt) {
          await tx
            .update(staffSessions)
            .set({ endedAt: now, endReason: verdict })
            .where(and(eq(staffSessions.id, row.session.id), isNull(staffSessions.endedAt)));
        }
        throw new AppError('SESSION_EXPIRED', 'Your session has ended. Please sign in again.');
      }
      let session = row.session;
      if (!options.background && shouldTouch(session.lastSeenAt, now)) {
        await tx
          .update(staffSessions)
          .set({ lastSeenAt: now })
          .where(eq(staffSessions.id, session.id));
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
      return { ctx, me: toMe(row.user, row.practice, row.role, session) };
    });
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

  /** Issues a one-time link for a staff member to set a password (72 hours). Returns the raw token. */
  async function issuePasswordSetup(staffUserId: string): Promise<string> {
    const token = newToken();
    const now = clock.now();
    await db.system(async (tx) => {
      await tx.insert(passwordSetupTokens).values({
        tokenHash: hashToken(token),
        staffUserId,
        expiresAt: new Date(now.getTime() + 72 * 3_600_000),
        createdAt: now,
      });
    });
    return token;
  }

  /** Completes a password-setup link: single use, unexpired, password checked against POLICY.md. */
  async function completePasswordSetup(
    token: string,
    password: string,
    meta: RequestMeta,
  ): Promise<void> {
    const now = clock.now();
    const invalidLink = () =>
      new AppError(
        'NOT_FOUND',
        'This link is invalid, expired or already used. Ask your practice administrator for a new one.',
      );
    const target = await db.system(async (tx) => {
      const [row] = await tx
        .select({ link: passwordSetupTokens, user: staffUsers })
        .from(passwordSetupTokens)
        .innerJoin(staffUsers, eq(staffUsers.id, passwordSetupTokens.staffUserId))
        .where(eq(passwordSetupTokens.tokenHash, hashToken(token)));
      return row;
    });
    if (!target || target.link.usedAt || target.link.expiresAt <= now) throw invalidLink();
    const practiceNames = await db.system((tx) =>
      tx
        .select({ name: practices.name })
        .from(staffMemberships)
        .innerJoin(practices, eq(practices.id, staffMemberships.practiceId))
        .where(eq(staffMemberships.staffUserId, target.user.id)),
    );
    const problem = checkPassword(password, {
      email: target.user.email,
      practiceName: practiceNames.map((p) => p.name).join(' '),
      names: target.user.displayName.split(/\s+/),
    });
    if (problem) {
      throw new AppError('VALIDATION', describePasswordProblem(problem), {
        issues: [{ path: 'body.password', message: describePasswordProblem(problem) }],
      });
    }
    const passwordHash = await hashPassword(password);
    await db.system(async (tx) => {
      const used = await tx
        .update(passwordSetupTokens)
        .set({ usedAt: now })
        .where(
          and(
            eq(passwordSetupTokens.tokenHash, hashToken(token)),
            isNull(passwordSetupTokens.usedAt),
          ),
        )
        .returning({ id: passwordSetupTokens.tokenHash });
      if (used.length === 0) throw invalidLink();
      await tx
        .update(staffUsers)
        .set({ passwordHash, ...afterSuccessfulSignIn() })
        .where(eq(staffUsers.id, target.user.id));
      // A new password ends every existing session.
      await tx
        .update(staffSessions)
        .set({ endedAt: now, endReason: 'password_changed' })
        .where(and(eq(staffSessions.staffUserId, target.user.id), isNull(staffSessions.endedAt)));
      for (const p of await tx
        .select({ practiceId: staffMemberships.practiceId })
        .from(staffMemberships)
        .where(eq(staffMemberships.staffUserId, target.user.id))) {
        await writeAudit(
          tx,
          { practiceId: p.practiceId, actorType: 'staff', actorId: target.user.id, meta },
          now,
          {
            action: 'staff.password_set',
            entityType: 'staff_user',
            entityId: target.user.id,
          },
        );
      }
    });
  }

  return { signIn, authenticate, signOut, issuePasswordSetup, completePasswordSetup };
}

export type StaffAuthService = ReturnType<typeof createStaffAuthService>;

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
      secondFactorSatisfied: true,
    },
  };
}
