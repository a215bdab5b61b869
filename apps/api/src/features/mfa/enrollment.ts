import QRCode from 'qrcode';
import type { MfaStatus, TotpEnrollment } from '@portico/contracts';
import type { Tx } from '../../platform/db/database.ts';
import { AppError } from '../../platform/errors.ts';
import { writeAudit, type AuditActor } from '../../platform/audit/audit.ts';
import { mfaFactors } from './tables.ts';
import {
  acceptTotpCode,
  confirmedFactorsOf,
  confirmedTotpOf,
  deleteFactorsOfKind,
  dropRecoveryCodesIfNoFactor,
  factorById,
  lockSubject,
  recoveryCodesLeft,
  replaceRecoveryCodes,
  useRecoveryCode,
  type SubjectRef,
} from './factor-store.ts';
import { newTotpSecret, totpOtpauthUrl } from './totp-rules.ts';

/**
 * The factor operations staff and portal accounts share (TOTP, recovery codes, status). Each runs
 * inside the caller's transaction and writes its audit event there; the caller checks who may ask.
 */

export const wrongCode = (message = 'That code is not right. Check it and try again.') =>
  new AppError('VALIDATION', message, { issues: [{ path: 'code', message }] });

export interface StatusExtras {
  sms: MfaStatus['sms'];
  /** Staff: a second factor is mandatory. */
  factorRequired: boolean;
}

export async function mfaStatusOf(tx: Tx, s: SubjectRef, extras: StatusExtras): Promise<MfaStatus> {
  const factors = await confirmedFactorsOf(tx, s);
  const totp = factors.find((f) => f.kind === 'totp');
  return {
    totp: { enabled: !!totp, createdAt: totp?.confirmedAt?.toISOString() ?? null },
    sms: extras.sms,
    passkeys: factors
      .filter((f) => f.kind === 'passkey')
      .map((f) => ({
        id: f.id,
        label: f.label,
        createdAt: f.createdAt.toISOString(),
        lastUsedAt: f.lastUsedAt?.toISOString() ?? null,
      })),
    recoveryCodesLeft: await recoveryCodesLeft(tx, s),
    enrollmentRequired: extras.factorRequired && factors.length === 0,
  };
}

const audit = (tx: Tx, actor: AuditActor, now: Date, action: string, entityId: string | null) =>
  writeAudit(tx, actor, now, { action, entityType: 'mfa_factor', entityId });

/** A new unconfirmed TOTP factor (any earlier unconfirmed one is dropped). */
export async function startTotpEnrollment(
  tx: Tx,
  s: SubjectRef,
  accountName: string,
  actor: AuditActor,
  now: Date,
): Promise<TotpEnrollment> {
  await lockSubject(tx, s);
  if (await confirmedTotpOf(tx, s)) {
    throw new AppError(
      'CONFLICT',
      'An authenticator app is already set up. Remove it first to set up another.',
    );
  }
  await deleteFactorsOfKind(tx, s, 'totp', 'unconfirmed');
  const secret = newTotpSecret();
  const [row] = await tx
    .insert(mfaFactors)
    .values({
      subjectType: s.type,
      subjectId: s.id,
      kind: 'totp',
      label: 'Authenticator app',
      totpSecret: secret,
      createdAt: now,
    })
    .returning({ id: mfaFactors.id });
  if (!row) throw new Error('factor insert returned nothing');
  await audit(tx, actor, now, 'mfa.totp_enrollment_started', row.id);
  const otpauthUrl = totpOtpauthUrl(secret, accountName);
  const qrSvg = await QRCode.toString(otpauthUrl, { type: 'svg', margin: 1 });
  return { factorId: row.id, secret, otpauthUrl, qrSvg };
}

/** When a TOTP enrollment was started (its factor's creation), or null when there is none to confirm. */
export async function pendingTotpStartedAt(
  tx: Tx,
  s: SubjectRef,
  factorId: string,
): Promise<Date | null> {
  const factor = await factorById(tx, s, factorId);
  return factor && factor.kind === 'totp' && !factor.confirmedAt ? factor.createdAt : null;
}

/** The first code proves the app is set up: confirms the factor and returns 10 new recovery codes. */
export async function confirmTotpEnrollment(
  tx: Tx,
  s: SubjectRef,
  factorId: string,
  code: string,
  actor: AuditActor,
  now: Date,
): Promise<string[]> {
  // Two tabs confirming at once: the second sees the first's factor and is refused.
  await lockSubject(tx, s);
  const factor = await factorById(tx, s, factorId);
  if (!factor || factor.kind !== 'totp') {
    throw new AppError('NOT_FOUND', 'This setup was not found. Start again.');
  }
  if (factor.confirmedAt || (await confirmedTotpOf(tx, s))) {
    throw new AppError('CONFLICT', 'This authenticator app is already set up.');
  }
  if (!(await acceptTotpCode(tx, factor, code, now, true))) {
    throw wrongCode(
      'That code is not right. Check that the time on your phone is correct and try again.',
    );
  }
  const codes = await replaceRecoveryCodes(tx, s, now);
  await audit(tx, actor, now, 'mfa.totp_enabled', factor.id);
  return codes;
}

export async function removeTotp(tx: Tx, s: SubjectRef, actor: AuditActor, now: Date) {
  const removed = await deleteFactorsOfKind(tx, s, 'totp', 'all');
  if (removed.length === 0) {
    throw new AppError('NOT_FOUND', 'No authenticator app is set up.');
  }
  await dropRecoveryCodesIfNoFactor(tx, s);
  await audit(tx, actor, now, 'mfa.totp_removed', removed[0] ?? null);
}

export async function regenerateRecoveryCodes(
  tx: Tx,
  s: SubjectRef,
  actor: AuditActor,
  now: Date,
): Promise<string[]> {
  await lockSubject(tx, s);
  if ((await confirmedFactorsOf(tx, s)).length === 0) {
    throw new AppError(
      'CONFLICT',
      'Set up an authenticator app or a passkey first; recovery codes come with it.',
    );
  }
  const codes = await replaceRecoveryCodes(tx, s, now);
  await writeAudit(tx, actor, now, {
    action: 'mfa.recovery_codes_regenerated',
    entityType: 'mfa_recovery_codes',
    entityId: null,
  });
  return codes;
}

/** A TOTP or recovery code given at sign-in; true when it was accepted (and is now spent). */
export async function acceptSignInCode(
  tx: Tx,
  s: SubjectRef,
  method: 'totp' | 'recovery_code',
  code: string,
  now: Date,
): Promise<boolean> {
  switch (method) {
    case 'totp': {
      const factor = await confirmedTotpOf(tx, s);
      return factor ? acceptTotpCode(tx, factor, code, now, false) : false;
    }
    case 'recovery_code':
      return useRecoveryCode(tx, s, code, now);
  }
}
