import { and, eq, inArray } from 'drizzle-orm';
import type { Tx } from '../../platform/db/database.ts';
import { patients } from './tables.ts';

/** What other slices may read about patients, inside the caller's tenant transaction. */
export interface PatientBrief {
  id: string;
  firstName: string;
  preferredName: string | null;
  lastName: string;
  /** Set when the record is end-dated (the patient left the practice). */
  endDate: string | null;
  primaryProviderId: string | null;
  primaryLocationId: string | null;
}

const briefColumns = {
  id: patients.id,
  firstName: patients.firstName,
  preferredName: patients.preferredName,
  lastName: patients.lastName,
  endDate: patients.endDate,
  primaryProviderId: patients.primaryProviderId,
  primaryLocationId: patients.primaryLocationId,
};

/** The patients among `ids` that belong to the practice, by id. */
export async function patientBriefsInTx(
  tx: Tx,
  practiceId: string,
  ids: string[],
): Promise<Map<string, PatientBrief>> {
  if (ids.length === 0) return new Map();
  const rows = await tx
    .select(briefColumns)
    .from(patients)
    .where(and(eq(patients.practiceId, practiceId), inArray(patients.id, ids)));
  return new Map(rows.map((r) => [r.id, r]));
}

export async function patientBriefInTx(
  tx: Tx,
  practiceId: string,
  id: string,
): Promise<PatientBrief | undefined> {
  return (await patientBriefsInTx(tx, practiceId, [id])).get(id);
}
