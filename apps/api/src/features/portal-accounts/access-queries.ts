import { and, eq, inArray, isNotNull } from 'drizzle-orm';
import type { Tx } from '../../platform/db/database.ts';
import { portalAccess, portalAccounts } from './tables.ts';

/**
 * What other slices may ask about portal access (messaging: who can receive a message, whom to
 * notify). Tenant queries run in the caller's transaction.
 */

/** The accounts that may open this patient's record (today: the patient's own login). */
export async function accountsWithAccessInTx(
  tx: Tx,
  practiceId: string,
  patientId: string,
): Promise<string[]> {
  const rows = await tx
    .select({ accountId: portalAccess.accountId })
    .from(portalAccess)
    .where(and(eq(portalAccess.practiceId, practiceId), eq(portalAccess.patientId, patientId)));
  return rows.map((r) => r.accountId);
}

/** Which of `patientIds` have a portal login. */
export async function registeredPatientIdsInTx(
  tx: Tx,
  practiceId: string,
  patientIds: string[],
): Promise<Set<string>> {
  if (patientIds.length === 0) return new Set();
  const rows = await tx
    .select({ patientId: portalAccess.patientId })
    .from(portalAccess)
    .where(
      and(eq(portalAccess.practiceId, practiceId), inArray(portalAccess.patientId, patientIds)),
    );
  return new Set(rows.map((r) => r.patientId));
}

/**
 * Where to reach accounts: their email and verified mobile number. Global identity data: only
 * for `db.system` work (the notification worker).
 */
export async function accountContactsInSystemTx(
  tx: Tx,
  accountIds: string[],
): Promise<{ id: string; email: string; phone: string | null }[]> {
  if (accountIds.length === 0) return [];
  const rows = await tx
    .select({
      id: portalAccounts.id,
      email: portalAccounts.email,
      phone: portalAccounts.phone,
      phoneVerifiedAt: portalAccounts.phoneVerifiedAt,
    })
    .from(portalAccounts)
    .where(and(inArray(portalAccounts.id, accountIds), isNotNull(portalAccounts.emailVerifiedAt)));
  return rows.map((r) => ({ id: r.id, email: r.email, phone: r.phoneVerifiedAt ? r.phone : null }));
}
