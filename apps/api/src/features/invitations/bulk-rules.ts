import type { BulkSkipReason } from '@portico/contracts';
import type { BlockedReason } from './rules.ts';

/** Pure decisions of bulk invitations. No I/O, no clock. */

/** Patients handled per job step (each in its own transaction). */
export const bulkStepPatients = 25;

export type BulkOutcome = 'sent' | BulkSkipReason;

/** The outcome recorded for a patient, from what the send decided. */
export function bulkOutcomeOf(
  result:
    { outcome: 'sent' } | { outcome: 'blocked'; reason: BlockedReason } | { outcome: 'cooldown' },
): BulkOutcome {
  switch (result.outcome) {
    case 'sent':
      return 'sent';
    case 'blocked':
      return result.reason;
    case 'cooldown':
      return 'cooldown';
  }
}

export function noSkips(): Record<BulkSkipReason, number> {
  return {
    no_contact: 0,
    message_too_long: 0,
    under_13: 0,
    end_dated: 0,
    registered: 0,
    cooldown: 0,
    not_found: 0,
  };
}

/** The run's counters from the recorded outcomes (each patient counted once, however often retried). */
export function bulkCounts(outcomes: { outcome: BulkOutcome; patients: number }[]): {
  processed: number;
  sent: number;
  skipped: Record<BulkSkipReason, number>;
} {
  const skipped = noSkips();
  let sent = 0;
  let processed = 0;
  for (const { outcome, patients } of outcomes) {
    processed += patients;
    if (outcome === 'sent') sent += patients;
    else skipped[outcome] += patients;
  }
  return { processed, sent, skipped };
}

/** The next patients to handle: in the run's order, those without a recorded outcome. */
export function nextBatch(patientIds: string[], done: ReadonlySet<string>, size: number): string[] {
  const batch: string[] = [];
  for (const id of patientIds) {
    if (batch.length >= size) break;
    if (!done.has(id) && !batch.includes(id)) batch.push(id);
  }
  return batch;
}
