/** POLICY.md session timeouts, per audience. */
export const sessionPolicy = {
  staff: { idleMinutes: 15, absoluteHours: 12 },
  patient: { idleMinutes: 30, absoluteHours: 12 },
  /** Persist last_seen at most this often; a shorter idle gap never changes the outcome by more. */
  touchEverySeconds: 60,
  warnBeforeIdleSeconds: 120,
} as const;

export interface SessionTimes {
  createdAt: Date;
  lastSeenAt: Date;
  endedAt: Date | null;
}

export type SessionVerdict = 'active' | 'ended' | 'idle_expired' | 'absolute_expired';

export function sessionVerdict(
  session: SessionTimes,
  now: Date,
  policy: { idleMinutes: number; absoluteHours: number },
): SessionVerdict {
  if (session.endedAt) return 'ended';
  if (now.getTime() >= session.createdAt.getTime() + policy.absoluteHours * 3_600_000)
    return 'absolute_expired';
  if (now.getTime() >= session.lastSeenAt.getTime() + policy.idleMinutes * 60_000)
    return 'idle_expired';
  return 'active';
}

export function shouldTouch(lastSeenAt: Date, now: Date): boolean {
  return now.getTime() - lastSeenAt.getTime() >= sessionPolicy.touchEverySeconds * 1000;
}

export function expiries(
  session: SessionTimes,
  policy: { idleMinutes: number; absoluteHours: number },
) {
  const absolute = new Date(session.createdAt.getTime() + policy.absoluteHours * 3_600_000);
  const idle = new Date(
    Math.min(session.lastSeenAt.getTime() + policy.idleMinutes * 60_000, absolute.getTime()),
  );
  return { idleExpiresAt: idle, absoluteExpiresAt: absolute };
}
