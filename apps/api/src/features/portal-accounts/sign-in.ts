import { and, eq, isNull, sql } from 'drizzle-orm';
import type { PortalSignInResult } from '@portico/contracts';
import { passwordStep, signInRefused } from '../../platform/auth/password-step.ts';
import { maskPhone } from '../../platform/phone-mask.ts';
import type { RequestMeta } from '../../platform/auth/context.ts';
import { hashToken } from '../../platform/tokens.ts';
import { afterSuccessfulSignIn, signInGate } from '../../platform/auth/sign-in-rules.ts';
import { expiries, sessionPolicy } from '../../platform/auth/session-rules.ts';
import { writeAudit } from '../../platform/audit/audit.ts';
import { secondFactorMethodsOf } from '../mfa/queries.ts';
import type { PortalAuthParts } from './deps.ts';
import { portalActor } from './portal-actor.ts';
import { accessEnded, recordsOf, toMe } from './records.ts';
import { chooseRecord, portalSignInFailureKey } from './rules.ts';
import { openPortalSession } from './sessions.ts';
import {
  readUnknownEmailFailures,
  recordPortalAccountFailure,
  recordUnknownEmailFailure,
} from './sign-in-failures.ts';
import { portalAccounts, portalSessions } from './tables.ts';

/** Password sign-in and sign-out of the portal. */
export function createPortalSignIn({ db, clock, hasher }: PortalAuthParts) {
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

  return { signIn, signOut };
}
