import { bulkSkipReasons, type BulkMessageRun } from '@portico/contracts';

/** Pure decisions of bulk messages. No I/O, no clock. */

export type BulkSkipReason = (typeof bulkSkipReasons)[number];
export type BulkOutcome = 'send' | BulkSkipReason;
export type BulkCounters = { sent: number; skipped: Record<BulkSkipReason, number> };

/** Patients handled per job step (one transaction). */
export const bulkStepPatients = 50;

export function noBulkSkips(): Record<BulkSkipReason, number> {
  return { not_registered: 0, end_dated: 0, not_found: 0 };
}

/** What happens to one patient: not in the practice, end-dated, without a portal account, or sent. */
export function bulkOutcomeFor(
  patient: { endDate: string | null; registered: boolean } | undefined,
): BulkOutcome {
  if (!patient) return 'not_found';
  if (patient.endDate !== null) return 'end_dated';
  if (!patient.registered) return 'not_registered';
  return 'send';
}

/** The counters after a chunk's outcomes (a new object). */
export function addOutcomes(counters: BulkCounters, outcomes: BulkOutcome[]): BulkCounters {
  const skipped = { ...counters.skipped };
  let sent = counters.sent;
  for (const outcome of outcomes) {
    if (outcome === 'send') sent += 1;
    else skipped[outcome] += 1;
  }
  return { sent, skipped };
}

/** The stored counters as the contract lists them: every reason, in a fixed order. */
export function skippedList(stored: Record<string, number>): BulkMessageRun['skipped'] {
  return bulkSkipReasons.map((reason) => ({ reason, count: stored[reason] ?? 0 }));
}

/** Each id once, first occurrence first (a patient listed twice gets one message). */
export function uniqueIds(ids: readonly string[]): string[] {
  return [...new Set(ids)];
}

export function chunkAt(ids: readonly string[], position: number, size: number): string[] {
  return ids.slice(position, position + size);
}
