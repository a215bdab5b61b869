/**
 * Where a portal session stands on the client's clock, from the expiries the API reported
 * (`PortalMe.session`). The server enforces the time-outs; this only decides when to warn and when
 * to clear the screen. Pure: the caller passes `nowMs`.
 */

export interface SessionExpiries {
  idleExpiresAt: string;
  absoluteExpiresAt: string;
  warnBeforeSeconds: number;
}

/** Which limit ends the session first: inactivity (extendable) or the 12-hour cap (not). */
export type SessionEnd = 'idle' | 'absolute';

export type SessionClock =
  | { state: 'active'; endsBy: SessionEnd; msUntilWarning: number }
  | { state: 'warning'; endsBy: SessionEnd; secondsLeft: number; msUntilNextSecond: number }
  | { state: 'ended'; endsBy: SessionEnd };

/** setTimeout fires at once for delays above 2^31 − 1 ms. */
export const maxTimerDelayMs = 2_147_483_647;

function parse(iso: string): number {
  const ms = Date.parse(iso);
  return Number.isNaN(ms) ? Number.NEGATIVE_INFINITY : ms;
}

export function sessionClock(times: SessionExpiries, nowMs: number): SessionClock {
  const idleMs = parse(times.idleExpiresAt);
  const absoluteMs = parse(times.absoluteExpiresAt);
  const endsBy: SessionEnd = absoluteMs <= idleMs ? 'absolute' : 'idle';
  const endMs = Math.min(idleMs, absoluteMs);
  const leftMs = endMs - nowMs;
  if (leftMs <= 0) return { state: 'ended', endsBy };

  const warnMs = Math.max(0, times.warnBeforeSeconds) * 1000;
  if (leftMs > warnMs) {
    return { state: 'active', endsBy, msUntilWarning: Math.min(leftMs - warnMs, maxTimerDelayMs) };
  }
  const partMs = leftMs % 1000;
  return {
    state: 'warning',
    endsBy,
    secondsLeft: Math.ceil(leftMs / 1000),
    msUntilNextSecond: partMs === 0 ? 1000 : partMs,
  };
}

const milestonesSeconds = [10, 30, 60] as const;

/**
 * What a screen reader should hear of the countdown: the dialog is read when it opens, then only
 * these milestones (one announcement a second would drown everything else).
 */
export function spokenMilestone(secondsLeft: number): number | null {
  return milestonesSeconds.find((m) => secondsLeft <= m) ?? null;
}
