import { and, eq, isNotNull, isNull, sql } from 'drizzle-orm';
import type { SecondFactorMethod } from '@portico/contracts';
import type { AnyPgColumn } from 'drizzle-orm/pg-core';
import type { Tx } from '../../platform/db/database.ts';
import { mfaFactors, mfaRecoveryCodes } from './tables.ts';

export type MfaSubjectType = 'staff' | 'portal';

/**
 * The second factors a subject can use to finish signing in, in the order a sign-in offers them.
 * Empty: no second factor set up (a password alone signs in; staff are then sent to enroll).
 * Used by the sign-in slices; the MFA slice owns the tables.
 */
export async function secondFactorMethodsOf(
  tx: Tx,
  subjectType: MfaSubjectType,
  subjectId: string,
): Promise<SecondFactorMethod[]> {
  const kinds = await tx
    .selectDistinct({ kind: mfaFactors.kind })
    .from(mfaFactors)
    .where(
      and(
        eq(mfaFactors.subjectType, subjectType),
        eq(mfaFactors.subjectId, subjectId),
        isNotNull(mfaFactors.confirmedAt),
      ),
    );
  const has = new Set(kinds.map((k) => k.kind));
  if (has.size === 0) return [];
  const [codes] = await tx
    .select({ n: sql<number>`count(*)::int` })
    .from(mfaRecoveryCodes)
    .where(
      and(
        eq(mfaRecoveryCodes.subjectType, subjectType),
        eq(mfaRecoveryCodes.subjectId, subjectId),
        isNull(mfaRecoveryCodes.usedAt),
      ),
    );
  const methods: SecondFactorMethod[] = [];
  if (has.has('totp')) methods.push('totp');
  if (has.has('sms')) methods.push('sms');
  if (has.has('passkey')) methods.push('passkey');
  if ((codes?.n ?? 0) > 0) methods.push('recovery_code');
  return methods;
}

/**
 * SQL: whether the staff user in `staffUserIdColumn` has a confirmed second factor. For the
 * staff session check, which stays one statement.
 */
export function staffHasFactorSql(staffUserIdColumn: AnyPgColumn) {
  return sql<boolean>`exists (select 1 from ${mfaFactors} where ${mfaFactors.subjectType} = 'staff' and ${mfaFactors.subjectId} = ${staffUserIdColumn} and ${mfaFactors.confirmedAt} is not null)`;
}
