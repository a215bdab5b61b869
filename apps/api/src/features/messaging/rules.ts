import {
  codePoints,
  messageBodyLimits,
  type MessagingPolicyName,
  type ThreadStatus,
} from '@portico/contracts';

/**
 * Messaging rules (issue 4; POLICY.md "Messaging"). Pure functions: who may start a thread,
 * message length, card numbers, auto-close (mirrored in SQL by auto-close.ts).
 */

export type MessagingPolicy = MessagingPolicyName;
export type MessageAuthor = 'staff' | 'patient';

/** POLICY.md message lengths (one definition, shared with the web app). */
export const messageLimits = messageBodyLimits;

export { containsCardNumber, luhnValid } from '@portico/contracts';

/** Why a message body cannot be sent, or null (lengths in Unicode code points). */
export function messageLengthProblem(
  body: string,
  author: MessageAuthor,
): 'empty' | 'too_long' | null {
  if (body.trim() === '') return 'empty';
  return codePoints(body) > messageLimits[author] ? 'too_long' : null;
}

/**
 * Whether `who` may start a new thread under the practice's policy. Staff always may; patients
 * only when the practice allows it, and under `patients_to_their_providers` only to a provider
 * they have seen.
 */
export function mayStartThread(
  policy: MessagingPolicy,
  who: MessageAuthor,
  target: { providerIsTheirs: boolean },
): boolean {
  if (who === 'staff') return true;
  switch (policy) {
    case 'practice_only':
      return false;
    case 'patients_to_their_providers':
      return target.providerIsTheirs;
    case 'patients_to_anyone':
      return true;
  }
}

export interface AutoCloseFacts {
  status: ThreadStatus;
  lastStaffMessageAt: Date | null;
  lastPatientMessageAt: Date | null;
}

/** True when the thread is due to close: `hours` (> 0) after the last staff message with no patient reply since. */
export function autoCloseDue(thread: AutoCloseFacts, hours: number, now: Date): boolean {
  if (hours <= 0 || thread.status === 'closed' || !thread.lastStaffMessageAt) return false;
  if (thread.lastPatientMessageAt && thread.lastPatientMessageAt >= thread.lastStaffMessageAt) {
    return false;
  }
  return now.getTime() >= thread.lastStaffMessageAt.getTime() + hours * 3_600_000;
}
