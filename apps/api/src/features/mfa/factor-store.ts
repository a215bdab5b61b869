import { and, asc, eq, isNotNull, isNull, lt, or, sql } from 'drizzle-orm';
import type { Tx } from '../../platform/db/database.ts';
import type { MfaSubjectType } from './queries.ts';
import { mfaFactors, mfaRecoveryCodes } from './tables.ts';
// The rows whose factors these are (owned by the sign-in slices), locked to serialise changes.
import { portalAccounts } from '../portal-accounts/tables.ts';
import { staffUsers } from '../staff-auth/tables.ts';
import { matchTotpStep } from './totp-rules.ts';
import {
  hashRecoveryCode,
  looksLikeRecoveryCode,
  newRecoveryCodes,
} from './recovery-code-rules.ts';

/** Whose factors: a staff user or a portal account. */
export interface SubjectRef {
  type: MfaSubjectType;
  id: string;
}

export type FactorRow = typeof mfaFactors.$inferSelect;
type FactorKind = FactorRow['kind'];

const ofSubject = (s: SubjectRef) =>
  and(eq(mfaFactors.subjectType, s.type), eq(mfaFactors.subjectId, s.id));
const codesOf = (s: SubjectRef) =>
  and(eq(mfaRecoveryCodes.subjectType, s.type), eq(mfaRecoveryCodes.subjectId, s.id));

/**
 * Locks the subject's own row (`staff_users` / `portal_accounts` `FOR UPDATE`) for the rest of
 * the transaction: factor changes of one subject (setup, removal, new recovery codes) then run
 * one after another, each seeing what the one before committed.
 */
export async function lockSubject(tx: Tx, s: SubjectRef): Promise<void> {
  const table = s.type === 'staff' ? staffUsers : portalAccounts;
  await tx.select({ id: table.id }).from(table).where(eq(table.id, s.id)).for('update');
}

/** Every factor of a subject, confirmed or not, oldest first. */
export async function factorsOf(tx: Tx, s: SubjectRef): Promise<FactorRow[]> {
  return tx.select().from(mfaFactors).where(ofSubject(s)).orderBy(asc(mfaFactors.createdAt));
}

export async function confirmedFactorsOf(tx: Tx, s: SubjectRef): Promise<FactorRow[]> {
  return (await factorsOf(tx, s)).filter((f) => f.confirmedAt !== null);
}

export async function recoveryCodesLeft(tx: Tx, s: SubjectRef): Promise<number> {
  const [row] = await tx
    .select({ n: sql<number>`count(*)::int` })
    .from(mfaRecoveryCodes)
    .where(and(codesOf(s), isNull(mfaRecoveryCodes.usedAt)));
  return row?.n ?? 0;
}

/** Ten new codes replace every earlier one; returns them in clear (shown once). */
export async function replaceRecoveryCodes(tx: Tx, s: SubjectRef, now: Date): Promise<string[]> {
  await tx.delete(mfaRecoveryCodes).where(codesOf(s));
  const codes = newRecoveryCodes();
  await tx.insert(mfaRecoveryCodes).values(
    codes.map((code) => ({
      subjectType: s.type,
      subjectId: s.id,
      codeHash: hashRecoveryCode(code),
      createdAt: now,
    })),
  );
  return codes;
}

async function deleteRecoveryCodes(tx: Tx, s: SubjectRef): Promise<void> {
  await tx.delete(mfaRecoveryCodes).where(codesOf(s));
}

/** Uses a recovery code once (atomically: two concurrent uses of one code, one wins). */
export async function useRecoveryCode(
  tx: Tx,
  s: SubjectRef,
  code: string,
  now: Date,
): Promise<boolean> {
  if (!looksLikeRecoveryCode(code)) return false;
  const used = await tx
    .update(mfaRecoveryCodes)
    .set({ usedAt: now })
    .where(
      and(
        codesOf(s),
        eq(mfaRecoveryCodes.codeHash, hashRecoveryCode(code)),
        isNull(mfaRecoveryCodes.usedAt),
      ),
    )
    .returning({ id: mfaRecoveryCodes.id });
  return used.length > 0;
}

/**
 * Checks a TOTP code against one factor and, when it matches a step after the last accepted one,
 * records that step in the same statement (a code raced twice is accepted once).
 */
export async function acceptTotpCode(
  tx: Tx,
  factor: FactorRow,
  code: string,
  now: Date,
  confirm: boolean,
): Promise<boolean> {
  if (!factor.totpSecret) return false;
  const step = matchTotpStep(factor.totpSecret, code, now, factor.totpLastStep);
  if (step === null) return false;
  const updated = await tx
    .update(mfaFactors)
    .set({
      totpLastStep: step,
      lastUsedAt: now,
      ...(confirm ? { confirmedAt: now } : {}),
    })
    .where(
      and(
        eq(mfaFactors.id, factor.id),
        or(isNull(mfaFactors.totpLastStep), lt(mfaFactors.totpLastStep, step)),
      ),
    )
    .returning({ id: mfaFactors.id });
  return updated.length > 0;
}

/** The subject's confirmed TOTP factor, if any. */
export async function confirmedTotpOf(tx: Tx, s: SubjectRef): Promise<FactorRow | undefined> {
  const [row] = await tx
    .select()
    .from(mfaFactors)
    .where(and(ofSubject(s), eq(mfaFactors.kind, 'totp'), isNotNull(mfaFactors.confirmedAt)));
  return row;
}

export async function factorById(
  tx: Tx,
  s: SubjectRef,
  factorId: string,
): Promise<FactorRow | undefined> {
  const [row] = await tx
    .select()
    .from(mfaFactors)
    .where(and(ofSubject(s), eq(mfaFactors.id, factorId)));
  return row;
}

/** Deletes factors of one kind (all, or only the unconfirmed ones); returns the ids deleted. */
export async function deleteFactorsOfKind(
  tx: Tx,
  s: SubjectRef,
  kind: FactorKind,
  which: 'all' | 'unconfirmed',
): Promise<string[]> {
  const rows = await tx
    .delete(mfaFactors)
    .where(
      and(
        ofSubject(s),
        eq(mfaFactors.kind, kind),
        which === 'unconfirmed' ? isNull(mfaFactors.confirmedAt) : undefined,
      ),
    )
    .returning({ id: mfaFactors.id });
  return rows.map((r) => r.id);
}

export async function deleteFactor(tx: Tx, s: SubjectRef, factorId: string): Promise<boolean> {
  const rows = await tx
    .delete(mfaFactors)
    .where(and(ofSubject(s), eq(mfaFactors.id, factorId)))
    .returning({ id: mfaFactors.id });
  return rows.length > 0;
}

/** After a removal: with no confirmed factor left, recovery codes mean nothing and go too. */
export async function dropRecoveryCodesIfNoFactor(tx: Tx, s: SubjectRef): Promise<void> {
  if ((await confirmedFactorsOf(tx, s)).length === 0) await deleteRecoveryCodes(tx, s);
}
