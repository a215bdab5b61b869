import { and, eq, ne, sql } from 'drizzle-orm';
import type { Tx } from '../../platform/db/database.ts';
import { formatMrn } from './rules.ts';
import { mrnCounters, patients } from './tables.ts';

export const mrnTakenMessage = 'This MRN is already used by another patient in this practice.';

/** Which of these MRNs already belong to a patient of the practice (other than `exceptPatientId`). One round trip. */
export async function existingMrns(
  tx: Tx,
  practiceId: string,
  mrns: string[],
  exceptPatientId?: string,
): Promise<Set<string>> {
  if (mrns.length === 0) return new Set();
  const rows = await tx
    .select({ mrn: patients.mrn })
    .from(patients)
    .where(
      and(
        eq(patients.practiceId, practiceId),
        sql`${patients.mrn} IN (SELECT jsonb_array_elements_text(${JSON.stringify(mrns)}::jsonb))`,
        exceptPatientId ? ne(patients.id, exceptPatientId) : undefined,
      ),
    );
  return new Set(rows.map((r) => r.mrn));
}

/**
 * Reserves `count` new MRNs from the practice counter with one atomic upsert per round, skipping
 * numbers already used (an imported chart may hold P000042) and those in `reserved`.
 */
export async function allocateMrns(
  tx: Tx,
  practiceId: string,
  prefix: string,
  count: number,
  reserved: ReadonlySet<string>,
): Promise<string[]> {
  const allocated: string[] = [];
  for (let round = 0; allocated.length < count; round++) {
    if (round >= 20) throw new Error('allocateMrns: could not find free MRNs');
    const need = count - allocated.length;
    const [counter] = await tx
      .insert(mrnCounters)
      .values({ practiceId, lastValue: need })
      .onConflictDoUpdate({
        target: mrnCounters.practiceId,
        set: { lastValue: sql`${mrnCounters.lastValue} + ${need}` },
      })
      .returning({ lastValue: mrnCounters.lastValue });
    if (!counter) throw new Error('allocateMrns: counter upsert returned nothing');
    const candidates: string[] = [];
    for (let n = counter.lastValue - need + 1; n <= counter.lastValue; n++) {
      const mrn = formatMrn(prefix, n);
      if (!reserved.has(mrn)) candidates.push(mrn);
    }
    const taken = await existingMrns(tx, practiceId, candidates);
    allocated.push(...candidates.filter((mrn) => !taken.has(mrn)));
  }
  return allocated;
}

/** True when the error (or one it wraps) is PostgreSQL's unique_violation. */
export function isUniqueViolation(error: unknown): boolean {
  for (let e: unknown = error, depth = 0; e && depth < 5; depth++) {
    if (typeof e === 'object' && 'code' in e && e.code === '23505') return true;
    e = typeof e === 'object' && 'cause' in e ? e.cause : undefined;
  }
  return false;
}
