import { eq } from 'drizzle-orm';
import { signInRefused } from '../../platform/auth/password-step.ts';
import { maskPhone } from '../../platform/phone-mask.ts';
import type { MfaStatus, SmsCodeSent, TotpEnrollment, FactorAddedResult } from '@portico/contracts';
import type { Database, Tx } from '../../platform/db/database.ts';
import type { Clock } from '../../platform/clock.ts';
import type { PortalContext } from '../../platform/auth/context.ts';
import { AppError } from '../../platform/errors.ts';
import { writeAudit } from '../../platform/audit/audit.ts';
import { enqueueNotification } from '../../platform/outbox/enqueue.ts';
import {
  checkChallenge,
  issueChallenge,
  type ChallengePurpose,
} from '../../platform/verification/service.ts';
import {
  completeSecondFactor,
  reauthWindowMinutes,
  requireRecentAuthentication,
} from '../portal-accounts/sessions.ts';
import { mfaFactors } from './tables.ts';
import {
  acceptSignInCode,
  confirmTotpEnrollment,
  mfaStatusOf,
  pendingTotpStartedAt,
  regenerateRecoveryCodes,
  removeTotp,
  startTotpEnrollment,
} from './enrollment.ts';
import {
  confirmedFactorsOf,
  deleteFactorsOfKind,
  dropRecoveryCodesIfNoFactor,
  factorsOf,
  lockSubject,
  recoveryCodesLeft,
  replaceRecoveryCodes,
  type SubjectRef,
} from './factor-store.ts';
import {
  beginSecondFactorAttempt,
  recordWrongSecondFactor,
  secondFactorSucceeded,
  tooManyWrongCodes,
} from './second-factor-failures.ts';
import {
  endPortalSession,
  portalAccountContact,
  portalActor,
  portalSubject,
  type PortalAccountContact,
} from './portal-account.ts';

export interface PortalMfaDeps {
  db: Database;
  clock: Clock;
}

const withinReauthWindow = (since: Date, now: Date) =>
  now.getTime() - since.getTime() <= reauthWindowMinutes * 60_000;

/** A change that needs a recent password — or the confirmation of a setup started within the window. */
function requireRecentOrFreshSetup(ctx: PortalContext, startedAt: Date | null, now: Date) {
  if (startedAt && withinReauthWindow(startedAt, now)) return;
  requireRecentAuthentication(ctx, now);
}

const smsText = (code: string, purpose: 'enroll' | 'sign_in') =>
  purpose === 'enroll'
    ? `Your Portico code to turn on text message sign-in is ${code}. It expires in 10 minutes.`
    : `Your Portico sign-in code is ${code}. It expires in 10 minutes. Never share it.`;

/** The portal side of MFA: the signed-in account's factors, and the second factor at sign-in. */
export function createPortalMfaService({ db, clock }: PortalMfaDeps) {
  const smsOf = (account: PortalAccountContact, enabled: boolean): MfaStatus['sms'] => ({
    enabled,
    available: account.phone !== null,
    phone: account.phone ? maskPhone(account.phone) : null,
  });

  async function statusIn(tx: Tx, ctx: PortalContext): Promise<MfaStatus> {
    const account = await portalAccountContact(tx, ctx.accountId);
    const s = portalSubject(ctx.accountId);
    const smsEnabled = (await confirmedFactorsOf(tx, s)).some((f) => f.kind === 'sms');
    return mfaStatusOf(tx, s, { sms: smsOf(account, smsEnabled), factorRequired: false });
  }

  /** Sends a code by SMS to the account's verified phone for one purpose. */
  async function sendSms(
    tx: Tx,
    ctx: PortalContext,
    account: PortalAccountContact,
    purpose: ChallengePurpose & ('mfa_sms_enroll' | 'mfa_sms_sign_in'),
    now: Date,
  ): Promise<SmsCodeSent> {
    if (!account.phone) {
      throw new AppError('CONFLICT', 'Add and verify a mobile number first.');
    }
    const issued = await issueChallenge(
      tx,
      { purpose, subjectId: account.id, destination: account.phone },
      now,
    );
    await enqueueNotification(
      tx,
      ctx.practiceId,
      {
        channel: 'sms',
        to: account.phone,
        text: smsText(issued.code, purpose === 'mfa_sms_enroll' ? 'enroll' : 'sign_in'),
      },
      now,
    );
    return { to: maskPhone(account.phone), resendAfterSeconds: issued.resendAfterSeconds };
  }

  /** The first factor of an account brings its recovery codes; later ones keep those issued. */
  async function codesForNewFactor(tx: Tx, s: SubjectRef, now: Date) {
    return (await recoveryCodesLeft(tx, s)) > 0 ? null : replaceRecoveryCodes(tx, s, now);
  }

  return {
    status: (ctx: PortalContext) => db.system((tx) => statusIn(tx, ctx)),

    startTotp(ctx: PortalContext): Promise<TotpEnrollment> {
      const now = clock.now();
      requireRecentAuthentication(ctx, now);
      return db.system(async (tx) => {
        const account = await portalAccountContact(tx, ctx.accountId);
        return startTotpEnrollment(
          tx,
          portalSubject(ctx.accountId),
          account.email,
          portalActor(ctx),
          now,
        );
      });
    },

    confirmTotp(ctx: PortalContext, factorId: string, code: string): Promise<string[]> {
      const now = clock.now();
      return db.system(async (tx) => {
        const s = portalSubject(ctx.accountId);
        requireRecentOrFreshSetup(ctx, await pendingTotpStartedAt(tx, s, factorId), now);
        return confirmTotpEnrollment(tx, s, factorId, code, portalActor(ctx), now);
      });
    },

    removeTotp(ctx: PortalContext): Promise<void> {
      const now = clock.now();
      requireRecentAuthentication(ctx, now);
      return db.system((tx) => removeTotp(tx, portalSubject(ctx.accountId), portalActor(ctx), now));
    },

    regenerateRecoveryCodes(ctx: PortalContext): Promise<string[]> {
      const now = clock.now();
      requireRecentAuthentication(ctx, now);
      return db.system((tx) =>
        regenerateRecoveryCodes(tx, portalSubject(ctx.accountId), portalActor(ctx), now),
      );
    },

    /** Sends the code that turns on SMS sign-in; an unconfirmed SMS factor marks when it started. */
    startSms(ctx: PortalContext): Promise<SmsCodeSent> {
      const now = clock.now();
      requireRecentAuthentication(ctx, now);
      return db.system(async (tx) => {
        const s = portalSubject(ctx.accountId);
        await lockSubject(tx, s);
        const account = await portalAccountContact(tx, ctx.accountId);
        if ((await confirmedFactorsOf(tx, s)).some((f) => f.kind === 'sms')) {
          throw new AppError('CONFLICT', 'Text message sign-in is already on.');
        }
        const sent = await sendSms(tx, ctx, account, 'mfa_sms_enroll', now);
        await deleteFactorsOfKind(tx, s, 'sms', 'unconfirmed');
        const [row] = await tx
          .insert(mfaFactors)
          .values({
            subjectType: 'portal',
            subjectId: ctx.accountId,
            kind: 'sms',
            label: 'Text message',
            createdAt: now,
          })
          .returning({ id: mfaFactors.id });
        await writeAudit(tx, portalActor(ctx), now, {
          action: 'mfa.sms_enrollment_started',
          entityType: 'mfa_factor',
          entityId: row?.id ?? null,
        });
        return sent;
      });
    },

    async confirmSms(ctx: PortalContext, code: string): Promise<FactorAddedResult> {
      const now = clock.now();
      const s = portalSubject(ctx.accountId);
      const outcome = await db.system(async (tx): Promise<FactorAddedResult | AppError> => {
        await lockSubject(tx, s);
        const pending = (await factorsOf(tx, s)).find((f) => f.kind === 'sms' && !f.confirmedAt);
        if (!pending) {
          throw new AppError('CONFLICT', 'Ask for a code first.');
        }
        requireRecentOrFreshSetup(ctx, pending.createdAt, now);
        const check = await checkChallenge(
          tx,
          { purpose: 'mfa_sms_enroll', subjectId: ctx.accountId, code },
          now,
        );
        if (!check.ok) return check.error;
        const account = await portalAccountContact(tx, ctx.accountId);
        if (!account.phone || check.destination !== account.phone) {
          throw new AppError('CONFLICT', 'Your mobile number changed. Ask for a new code.');
        }
        await tx.update(mfaFactors).set({ confirmedAt: now }).where(eq(mfaFactors.id, pending.id));
        const recoveryCodes = await codesForNewFactor(tx, s, now);
        await writeAudit(tx, portalActor(ctx), now, {
          action: 'mfa.sms_enabled',
          entityType: 'mfa_factor',
          entityId: pending.id,
        });
        return { factorId: pending.id, recoveryCodes };
      });
      // A wrong code's failure is committed with the transaction, then answered.
      if (outcome instanceof AppError) throw outcome;
      return outcome;
    },

    removeSms(ctx: PortalContext): Promise<void> {
      const now = clock.now();
      requireRecentAuthentication(ctx, now);
      return db.system(async (tx) => {
        const s = portalSubject(ctx.accountId);
        const removed = await deleteFactorsOfKind(tx, s, 'sms', 'all');
        if (removed.length === 0)
          throw new AppError('NOT_FOUND', 'Text message sign-in is not on.');
        await dropRecoveryCodesIfNoFactor(tx, s);
        await writeAudit(tx, portalActor(ctx), now, {
          action: 'mfa.sms_removed',
          entityType: 'mfa_factor',
          entityId: removed[0] ?? null,
        });
      });
    },

    /** At sign-in (session waiting for its second factor): text a code to the verified phone. */
    sendSignInSms(ctx: PortalContext): Promise<SmsCodeSent> {
      const now = clock.now();
      return db.system(async (tx) => {
        const s = portalSubject(ctx.accountId);
        if (!(await confirmedFactorsOf(tx, s)).some((f) => f.kind === 'sms')) {
          throw new AppError('CONFLICT', 'Text message sign-in is not on for this account.');
        }
        return sendSms(
          tx,
          ctx,
          await portalAccountContact(tx, ctx.accountId),
          'mfa_sms_sign_in',
          now,
        );
      });
    },

    /**
     * The second factor at sign-in. Right: the session becomes a full one and the account's failed
     * sign-ins are forgotten. Wrong: counted on the session (the 5th in a row ends it:
     * `SESSION_EXPIRED`) and as a failed sign-in of the account (the lockout). A failure is
     * committed before the error is thrown.
     */
    async verifySecondFactor(
      ctx: PortalContext,
      method: 'totp' | 'sms' | 'recovery_code',
      code: string,
    ): Promise<void> {
      const now = clock.now();
      const s = portalSubject(ctx.accountId);
      const actor = portalActor(ctx);
      const failure = await db.system(async (tx) => {
        const attempt = await beginSecondFactorAttempt(tx, s, ctx.sessionId, now);
        if (!attempt.allowed) return attempt.error;
        let ok: boolean;
        let error: AppError | null = null;
        if (method === 'sms') {
          const smsOn = (await confirmedFactorsOf(tx, s)).some((f) => f.kind === 'sms');
          const check = smsOn
            ? await checkChallenge(
                tx,
                { purpose: 'mfa_sms_sign_in', subjectId: ctx.accountId, code },
                now,
              )
            : null;
          ok = check?.ok === true;
          // An expired, used or missing code keeps its own words; a wrong one gets the tries left.
          if (check && !check.ok && !(check.error.code === 'VALIDATION' && check.failureRecorded)) {
            error = check.error;
          }
        } else {
          ok = await acceptSignInCode(tx, s, method, code, now);
        }
        if (ok) {
          await completeSecondFactor(tx, ctx.sessionId, now);
          await secondFactorSucceeded(tx, s, ctx.sessionId);
          await writeAudit(tx, actor, now, {
            action: 'portal_auth.second_factor',
            entityType: 'portal_session',
            entityId: ctx.sessionId,
            details: { method },
          });
          return null;
        }
        const verdict = await recordWrongSecondFactor(tx, s, ctx.sessionId, attempt.state, now);
        const endSession = verdict.endSession || !verdict.gate.allowed;
        await writeAudit(tx, actor, now, {
          action: 'portal_auth.second_factor',
          entityType: 'portal_session',
          entityId: ctx.sessionId,
          outcome: 'failure',
          details: { method, endedSession: endSession },
        });
        if (endSession) await endPortalSession(tx, ctx.sessionId, 'mfa_failed', now);
        if (!verdict.gate.allowed) return signInRefused(verdict.gate);
        if (verdict.endSession) return tooManyWrongCodes();
        if (error) return error;
        const message =
          verdict.triesLeft === 1
            ? 'That code is not right. 1 try left before you need to sign in again.'
            : `That code is not right. ${verdict.triesLeft} tries left.`;
        return new AppError('VALIDATION', message, { issues: [{ path: 'code', message }] });
      });
      if (failure) throw failure;
    },
  };
}
