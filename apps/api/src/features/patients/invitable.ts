import { and, asc, eq, inArray, isNull, or } from 'drizzle-orm';
import type { Tx } from '../../platform/db/database.ts';
import { portalStatusCondition } from '../invitations/read-model.ts';
import { patients } from './tables.ts';

/**
 * Patient ids for bulk invitations, inside the caller's tenant transaction. The portal status
 * comes from the invitations slice's published read model (ARCHITECTURE.md, Invitations).
 */

/** Active patients never invited or whose invitation expired, oldest id order, at most `limit`. */
export async function invitablePatientIdsInTx(
  tx: Tx,
  practiceId: string,
  now: Date,
  limit: number,
): Promise<string[]> {
  const rows = await tx
    .select({ id: patients.id })
    .from(patients)
    .where(
      and(
        eq(patients.practiceId, practiceId),
        isNull(patients.endDate),
        or(
          portalStatusCondition(tx, practiceId, patients.id, 'not_invited', now),
          portalStatusCondition(tx, practiceId, patients.id, 'expired', now),
        ),
      ),
    )
    .orderBy(asc(patients.id))
    .limit(limit);
  return rows.map((r) => r.id);
}

/** Which of `ids` are patients of the practice. */
export async function existingPatientIdsInTx(
  tx: Tx,
  practiceId: string,
  ids: string[],
): Promise<Set<string>> {
  if (ids.length === 0) return new Set();
  const rows = await tx
    .select({ id: patients.id })
    .from(patients)
    .where(and(eq(patients.practiceId, practiceId), inArray(patients.id, ids)));
  return new Set(rows.map((r) => r.id));
}
