import { and, asc, eq, gt, isNull, sql } from 'drizzle-orm';
import type { Database } from '../../platform/db/database.ts';
import type { Clock } from '../../platform/clock.ts';
import type { RequestMeta } from '../../platform/auth/context.ts';
import type { PasswordHasher } from '../../platform/auth/password-hash.ts';
import { AppError } from '../../platform/errors.ts';
import { hashToken, newToken } from '../../platform/tokens.ts';
import { checkPassword, describePasswordProblem } from '../../platform/auth/password-policy.ts';
import { afterSuccessfulSignIn } from '../../platform/auth/sign-in-rules.ts';
import { writeAudit } from '../../platform/audit/audit.ts';
import { enqueueNotification } from '../../platform/outbox/enqueue.ts';
import { practices } from '../practices/tables.ts';
import { passwordChangedEmail } from './rules.ts';
import { passwordSetupTokens, staffMemberships, staffSessions, staffUsers } from './tables.ts';

/** How long a one-time password link lasts: an invitation 72 hours, a reset 60 minutes (POLICY.md). */
export const passwordLinkMinutes = { invitation: 72 * 60, reset: 60 } as const;

export interface PasswordSetupDeps {
  db: Database;
  clock: Clock;
  hasher: PasswordHasher;
}

export function createPasswordSetup({ db, clock, hasher }: PasswordSetupDeps) {
  /** The id of the staff account with this email (any case), for operator commands. */
  async function staffUserIdByEmail(email: string): Promise<string | null> {
    const [row] = await db.system((tx) =>
      tx
        .select({ id: staffUsers.id })
        .from(staffUsers)
        .where(sql`lower(${staffUsers.email}) = ${email.toLowerCase()}`),
    );
    return row?.id ?? null;
  }

  /**
   * Issues a one-time link for a staff member to set a password and returns the raw token. Only
   * the newest link works: earlier unused ones are invalidated in the same transaction.
   */
  async function issuePasswordSetup(
    staffUserId: string,
    options: { validMinutes?: number } = {},
  ): Promise<string> {
    const token = newToken();
    const now = clock.now();
    const validMinutes = options.validMinutes ?? passwordLinkMinutes.invitation;
    await db.system(async (tx) => {
      await tx
        .update(passwordSetupTokens)
        .set({ expiresAt: now })
        .where(
          and(
            eq(passwordSetupTokens.staffUserId, staffUserId),
            isNull(passwordSetupTokens.usedAt),
            gt(passwordSetupTokens.expiresAt, now),
          ),
        );
      await tx.insert(passwordSetupTokens).values({
        tokenHash: hashToken(token),
        staffUserId,
        expiresAt: new Date(now.getTime() + validMinutes * 60_000),
        createdAt: now,
      });
    });
    return token;
  }

  /**
   * Completes a password-setup link: single use, unexpired, password checked against POLICY.md.
   * Also lifts a lock or a disabled password, ends every session and emails the account.
   */
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
    const passwordHash = await hasher.hash(password);
    await db.system(async (tx) => {
      const used = await tx
        .update(passwordSetupTokens)
        .set({ usedAt: now })
        .where(
          and(
            eq(passwordSetupTokens.tokenHash, hashToken(token)),
            isNull(passwordSetupTokens.usedAt),
            // A newer link issued meanwhile has expired this one.
            gt(passwordSetupTokens.expiresAt, now),
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
      const memberships = await tx
        .select({ practiceId: staffMemberships.practiceId, timeZone: practices.timeZone })
        .from(staffMemberships)
        .innerJoin(practices, eq(practices.id, staffMemberships.practiceId))
        .where(eq(staffMemberships.staffUserId, target.user.id))
        .orderBy(asc(staffMemberships.createdAt), asc(staffMemberships.practiceId));
      for (const p of memberships) {
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
      // POLICY.md: completing a reset notifies the account. Queued with the change, so it is sent
      // if and only if the password changed; filed under the first practice (its dev mailbox).
      const [first] = memberships;
      await enqueueNotification(
        tx,
        first?.practiceId ?? null,
        {
          channel: 'email',
          to: target.user.email,
          ...passwordChangedEmail({
            changedAt: now,
            timeZone: first?.timeZone ?? 'UTC',
            firstPassword: target.user.passwordHash === null,
          }),
        },
        now,
      );
    });
  }

  return { staffUserIdByEmail, issuePasswordSetup, completePasswordSetup };
}
