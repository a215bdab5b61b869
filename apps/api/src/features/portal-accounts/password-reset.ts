import { and, asc, eq, isNull, sql } from 'drizzle-orm';
import type { RequestMeta } from '../../platform/auth/context.ts';
import { AppError } from '../../platform/errors.ts';
import { hashToken, newToken } from '../../platform/tokens.ts';
import { checkPassword, describePasswordProblem } from '../../platform/auth/password-policy.ts';
import { afterSuccessfulSignIn } from '../../platform/auth/sign-in-rules.ts';
import { writeAudit } from '../../platform/audit/audit.ts';
import { enqueueNotification } from '../../platform/outbox/enqueue.ts';
import type { PortalAuthParts } from './deps.ts';
import { portalActor } from './portal-actor.ts';
import { recordsOf } from './records.ts';
import {
  portalPasswordChangedEmail,
  resetLinkEmail,
  resetLinkExpiresAt,
  resetLinkProblem,
  resetLinkVerdict,
  type ResetLinkProblem,
} from './rules.ts';
import { endAccountSessions } from './sessions.ts';
import { portalAccess, portalAccounts, portalPasswordResets } from './tables.ts';

/** An id no row has: the unknown-email paths run the same statements with it (enumeration). */
const nobody = '00000000-0000-0000-0000-000000000000';

const linkUnusable = (reason: ResetLinkProblem) =>
  new AppError('LINK_UNUSABLE', resetLinkProblem(reason), { reason });

/** Forgotten password: the reset link and its completion. */
export function createPortalPasswordReset({ db, clock, publicUrl, hasher }: PortalAuthParts) {
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

  return { forgotPassword, resetPassword };
}
