import { createHash, randomInt, timingSafeEqual } from 'node:crypto';

/**
 * Pure rules for one-time codes sent by email, SMS or voice (POLICY.md: 6 digits, 10 minutes,
 * single use, 5 tries per code, a new code does not reset the tries, resend at most every 60 s and
 * 5 times per hour). The failures live on the challenge (one per purpose and subject), not on the
 * code, so a new code keeps them; they are forgiven once the last failure is an hour old.
 */
export const verificationPolicy = {
  codeDigits: 6,
  codeLifetimeMinutes: 10,
  triesPerCode: 5,
  failuresForgivenAfterMinutes: 60,
  resendIntervalSeconds: 60,
  sendsPerHour: 5,
} as const;

const hourMs = 3_600_000;

/** A fresh code; `random` is injectable for tests (crypto.randomInt by default). */
export function generateCode(random: (max: number) => number = randomInt): string {
  const max = 10 ** verificationPolicy.codeDigits;
  return String(random(max) % max).padStart(verificationPolicy.codeDigits, '0');
}

export function codeExpiry(now: Date): Date {
  return new Date(now.getTime() + verificationPolicy.codeLifetimeMinutes * 60_000);
}

/** SHA-256 of the code salted with the challenge's id (codes are never stored in clear). */
export function codeHash(challengeId: string, code: string): string {
  return createHash('sha256').update(`${challengeId}:${code}`, 'utf8').digest('hex');
}

export function codesMatch(storedHash: string, challengeId: string, code: string): boolean {
  const a = Buffer.from(storedHash, 'hex');
  const b = Buffer.from(codeHash(challengeId, code), 'hex');
  return a.length === b.length && timingSafeEqual(a, b);
}

/** "123456" → "1 2 3 4 5 6", so a voice call reads the digits one at a time. */
export function spokenDigits(code: string): string {
  return Array.from(code).join(' ');
}

// ---------------------------------------------------------------- tries

export interface ChallengeState {
  expiresAt: Date;
  failedAttempts: number;
  lastFailureAt: Date | null;
  usedAt: Date | null;
}

type Failures = Pick<ChallengeState, 'failedAttempts' | 'lastFailureAt'>;

/** The failures that still count at `now` (forgiven once the last is an hour old). */
export function activeFailures(state: Failures, now: Date): number {
  if (!state.lastFailureAt) return state.failedAttempts;
  const forgivenAt =
    state.lastFailureAt.getTime() + verificationPolicy.failuresForgivenAfterMinutes * 60_000;
  return now.getTime() >= forgivenAt ? 0 : state.failedAttempts;
}

export function triesLeft(state: Failures, now: Date): number {
  return Math.max(0, verificationPolicy.triesPerCode - activeFailures(state, now));
}

export type CodeGate =
  | { usable: true; triesLeft: number }
  | { usable: false; reason: 'used' | 'expired' }
  | { usable: false; reason: 'locked'; retryAfterSeconds: number };

/** Whether a code may be compared at all at `now`. */
export function codeGate(state: ChallengeState, now: Date): CodeGate {
  const left = triesLeft(state, now);
  if (left === 0) {
    const until =
      (state.lastFailureAt?.getTime() ?? now.getTime()) +
      verificationPolicy.failuresForgivenAfterMinutes * 60_000;
    return {
      usable: false,
      reason: 'locked',
      retryAfterSeconds: Math.max(1, Math.ceil((until - now.getTime()) / 1000)),
    };
  }
  if (state.usedAt) return { usable: false, reason: 'used' };
  if (state.expiresAt.getTime() <= now.getTime()) return { usable: false, reason: 'expired' };
  return { usable: true, triesLeft: left };
}

/** The failure state after one more wrong code. */
export function afterWrongCode<T extends Failures>(state: T, now: Date): T {
  return { ...state, failedAttempts: activeFailures(state, now) + 1, lastFailureAt: now };
}

export function wrongCodeMessage(left: number): string {
  return `That code is not right. You have ${left} ${left === 1 ? 'try' : 'tries'} left.`;
}

export const expiredCodeMessage =
  'This code has expired (codes last 10 minutes). Request a new code.';
export const usedCodeMessage = 'This code has already been used. Request a new code.';
export const noCodeMessage = 'No code has been sent yet. Request a code first.';

export function lockedMessage(retryAfterSeconds: number): string {
  const minutes = Math.ceil(retryAfterSeconds / 60);
  return `Too many wrong codes. You can try again in about ${minutes} minute${minutes === 1 ? '' : 's'}.`;
}

// ---------------------------------------------------------------- resend

/** The send times still inside the last hour (what the challenge keeps). */
export function recentSends(sentAt: Date[], now: Date): Date[] {
  return sentAt.filter((d) => d.getTime() > now.getTime() - hourMs);
}

/** Seconds until another code may be sent (0: now): 60 s after the last, 5 in any hour. */
export function resendWaitSeconds(sentAt: Date[], now: Date): number {
  const t = now.getTime();
  const inHour = recentSends(sentAt, now)
    .map((d) => d.getTime())
    .sort((a, b) => a - b);
  const waits = [0];
  const latest = inHour.at(-1);
  if (latest !== undefined)
    waits.push(latest + verificationPolicy.resendIntervalSeconds * 1000 - t);
  if (inHour.length >= verificationPolicy.sendsPerHour) {
    const leaving = inHour[inHour.length - verificationPolicy.sendsPerHour];
    if (leaving !== undefined) waits.push(leaving + hourMs - t);
  }
  const waitMs = Math.max(...waits);
  return waitMs > 0 ? Math.ceil(waitMs / 1000) : 0;
}

export function cooldownMessage(retryAfterSeconds: number): string {
  if (retryAfterSeconds < 60) {
    return `A code was sent moments ago. You can ask for another in ${retryAfterSeconds} second${retryAfterSeconds === 1 ? '' : 's'}.`;
  }
  const minutes = Math.ceil(retryAfterSeconds / 60);
  return `Several codes were sent in the last hour. You can ask for another in about ${minutes} minute${minutes === 1 ? '' : 's'}.`;
}
