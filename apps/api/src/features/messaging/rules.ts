import type { ThreadStatus } from '@portico/contracts';

/**
 * Messaging rules (issue 4; POLICY.md "Messaging"). Pure functions, used by the messaging slice
 * as it arrives: who may start a thread, message length, card numbers, auto-close.
 */

export type MessagingPolicy =
  'practice_only' | 'patients_to_their_providers' | 'patients_to_anyone';
export type MessageAuthor = 'staff' | 'patient';

export const messageLimits = { patient: 1000, staff: 10_000 } as const;

/** Luhn checksum of a string of digits. */
export function luhnValid(digits: string): boolean {
  let sum = 0;
  for (let i = 0; i < digits.length; i++) {
    let d = Number(digits[digits.length - 1 - i]);
    if (i % 2 === 1) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
  }
  return digits.length > 0 && sum % 10 === 0;
}

/**
 * True when the text holds a Luhn-valid card number: 13–19 digits, typed whole or in groups
 * separated by single spaces or dashes. Every run of consecutive groups is tried, so a number
 * next to another one ("ref 12 4111 1111 1111 1111") is still found; other lengths (phone
 * numbers, dates) never match.
 */
export function containsCardNumber(text: string): boolean {
  for (const match of text.matchAll(/\d+(?:[ -]\d+)*/g)) {
    const groups = match[0].split(/[ -]/);
    for (let first = 0; first < groups.length; first++) {
      let digits = '';
      for (let last = first; last < groups.length && digits.length < 19; last++) {
        digits += groups[last] ?? '';
        if (digits.length >= 13 && digits.length <= 19 && luhnValid(digits)) return true;
      }
    }
  }
  return false;
}

/** Length in Unicode code points (a surrogate pair counts once), as POLICY.md counts. */
function codePoints(text: string): number {
  return text.length - (text.match(/[\uD800-\uDBFF][\uDC00-\uDFFF]/g)?.length ?? 0);
}

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
