import type { FactorAddedResult, MfaStatus, TotpEnrollment } from '@portico/contracts';
import { signInRefused } from '../../platform/auth/password-step.ts';
import type { Database, Tx } from '../../platform/db/database.ts';
import type { Clock } from '../../platform/clock.ts';
import type { StaffContext } from '../../platform/auth/context.ts';
import { AppError } from '../../platform/errors.ts';
import { staffActor, writeAudit } from '../../platform/audit/audit.ts';
import { completeStaffSecondFactor, endStaffSession } from '../staff-auth/service.ts';
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
  lockSubject,
  type FactorRow,
  type SubjectRef,
} from './factor-store.ts';
import { removePasskeyIn, type PasskeyService } from './passkey-service.ts';
import {
  beginSecondFactorAttempt,
  recordWrongSecondFactor,
  secondFactorSucceeded,
  tooManyWrongCodes,
} from './second-factor-failures.ts';
import { staffChangeNeedsSignIn, type StaffSecondFactorState } from './second-factor-rules.ts';

export interface StaffMfaDeps {
  db: Database;
  clock: Clock;
  passkeys: PasskeyService;
}

const staffSubject = (ctx: StaffContext): SubjectRef => ({ type: 'staff', id: ctx.staffUserId });

const noSms: MfaStatus['sms'] = { enabled: false, available: false, phone: null };

export const staffReauthRequired = () =>
  new AppError(
    'REAUTH_REQUIRED',
    'For your security, sign in again to change two-step verification.',
  );

/**
 * Staff MFA (mandatory): enrollment of an authenticator app or a passkey, which completes a
 * session that had none; the second factor at sign-in; never removing the last factor.
 */
export function createStaffMfaService({ db, clock, passkeys }: StaffMfaDeps) {
  /** A session with no factor yet is complete once it enrolled one (the enrollment proved possession). */
  async function completeIfEnrolling(
    tx: Tx,
    ctx: StaffContext,
    state: StaffSecondFactorState,
    now: Date,
  ) {
    if (state === 'satisfied') return;
    await completeStaffSecondFactor(tx, ctx.sessionId, now);
  }

  /** Staff keep at least one factor: removing the last one is refused. */
  async function refuseLastFactor(tx: Tx, ctx: StaffContext, removing: (f: FactorRow) => boolean) {
    // The staff row is locked first: concurrent removals are counted one after another.
    await lockSubject(tx, staffSubject(ctx));
    const factors = await confirmedFactorsOf(tx, staffSubject(ctx));
    if (factors.some(removing) && factors.every(removing)) {
      throw new AppError(
        'CONFLICT',
        'Staff accounts need two-step verification. Add another authenticator app or passkey before removing this one.',
      );
    }
  }

  return {
    status: (ctx: StaffContext): Promise<MfaStatus> =>
      db.system((tx) => mfaStatusOf(tx, staffSubject(ctx), { sms: noSms, factorRequired: true })),

    startTotp(ctx: StaffContext, email: string): Promise<TotpEnrollment> {
      const now = clock.now();
      return db.system((tx) =>
        startTotpEnrollment(tx, staffSubject(ctx), email, staffActor(ctx), now),
      );
    },

    /** `recentPassword` false: allowed only for a setup started within the last 10 minutes. */
    confirmTotp(
      ctx: StaffContext,
      state: StaffSecondFactorState,
      recentPassword: boolean,
      factorId: string,
      code: string,
    ): Promise<string[]> {
      const now = clock.now();
      return db.system(async (tx) => {
        const startedAt = await pendingTotpStartedAt(tx, staffSubject(ctx), factorId);
        if (!recentPassword && !(startedAt && !staffChangeNeedsSignIn(startedAt, now))) {
          throw staffReauthRequired();
        }
        const codes = await confirmTotpEnrollment(
          tx,
          staffSubject(ctx),
          factorId,
          code,
          staffActor(ctx),
          now,
        );
        await completeIfEnrolling(tx, ctx, state, now);
        return codes;
      });
    },

    removeTotp(ctx: StaffContext): Promise<void> {
      const now = clock.now();
      return db.system(async (tx) => {
        await refuseLastFactor(tx, ctx, (f) => f.kind === 'totp');
        await removeTotp(tx, staffSubject(ctx), staffActor(ctx), now);
      });
    },

    regenerateRecoveryCodes(ctx: StaffContext): Promise<string[]> {
      const now = clock.now();
      return db.system((tx) =>
        regenerateRecoveryCodes(tx, staffSubject(ctx), staffActor(ctx), now),
      );
    },

    passkeyOptions(ctx: StaffContext, user: { email: string; displayName: string }) {
      return passkeys.registrationOptions(staffSubject(ctx), {
        name: user.email,
        displayName: user.displayName,
      });
    },

    async registerPasskey(
      ctx: StaffContext,
      state: StaffSecondFactorState,
      credential: Record<string, unknown>,
      label: string,
    ): Promise<FactorAddedResult> {
      const added = await passkeys.register(staffSubject(ctx), credential, label, staffActor(ctx));
      await db.system((tx) => completeIfEnrolling(tx, ctx, state, clock.now()));
      return added;
    },

    removePasskey(ctx: StaffContext, factorId: string): Promise<void> {
      const now = clock.now();
      return db.system(async (tx) => {
        await refuseLastFactor(tx, ctx, (f) => f.id === factorId);
        await removePasskeyIn(tx, staffSubject(ctx), factorId, staffActor(ctx), now);
      });
    },

    /** Sign-in step: request options for one of this staff member's passkeys. */
    signInPasskeyOptions: (ctx: StaffContext) => passkeys.signInOptions('staff', ctx.staffUserId),

    /** Sign-in step: a passkey of this staff member as the second factor. */
    async verifyPasskey(ctx: StaffContext, credential: Record<string, unknown>): Promise<void> {
      const { factorId } = await passkeys.verifySignIn('staff', credential, ctx.staffUserId);
      const now = clock.now();
      await db.system(async (tx) => {
        await completeStaffSecondFactor(tx, ctx.sessionId, now);
        await secondFactorSucceeded(tx, staffSubject(ctx), ctx.sessionId);
        await writeAudit(tx, staffActor(ctx), now, {
          action: 'staff.second_factor',
          entityType: 'staff_session',
          entityId: ctx.sessionId,
          details: { method: 'passkey', factorId },
        });
      });
    },

    /**
     * Sign-in step: an authenticator or recovery code. Wrong codes count on the session (the 5th
     * in a row ends it: `SESSION_EXPIRED`) and as failed sign-ins of the staff user (the lockout);
     * the right one forgets both. A failure commits before it is answered.
     */
    async verifyCode(
      ctx: StaffContext,
      method: 'totp' | 'recovery_code',
      code: string,
    ): Promise<void> {
      const now = clock.now();
      const actor = staffActor(ctx);
      const s = staffSubject(ctx);
      const failure = await db.system(async (tx) => {
        const entry = {
          action: 'staff.second_factor',
          entityType: 'staff_session',
          entityId: ctx.sessionId,
        };
        const attempt = await beginSecondFactorAttempt(tx, s, ctx.sessionId, now);
        if (!attempt.allowed) return attempt.error;
        if (await acceptSignInCode(tx, s, method, code, now)) {
          await completeStaffSecondFactor(tx, ctx.sessionId, now);
          await secondFactorSucceeded(tx, s, ctx.sessionId);
          await writeAudit(tx, actor, now, { ...entry, details: { method } });
          return null;
        }
        const verdict = await recordWrongSecondFactor(tx, s, ctx.sessionId, attempt.state, now);
        const endSession = verdict.endSession || !verdict.gate.allowed;
        await writeAudit(tx, actor, now, {
          ...entry,
          outcome: 'failure',
          details: { method, endedSession: endSession },
        });
        if (endSession) await endStaffSession(tx, ctx.sessionId, 'mfa_failed', now);
        if (!verdict.gate.allowed) return signInRefused(verdict.gate);
        if (verdict.endSession) return tooManyWrongCodes();
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
