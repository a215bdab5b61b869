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

/** What the background check of the session (at the warning, and at the end) answered. */
export type SessionCheckAnswer =
  | { ok: true; /** `idleExpiresAt|absoluteExpiresAt` now on the server. */ expiry: string }
  | {
      ok: false;
      /** 401: the session is gone. Otherwise the server could not be reached. */ unauthorized: boolean;
    };

export type SessionCheckOutcome =
  | { kind: 'extended' }
  | { kind: 'warn' }
  | { kind: 'leave'; reason: 'idle' | 'expired'; endOnServer: boolean };

/**
 * What to do once the server has been asked, before warning or clearing the screen. Later
 * expiries (activity in another tab) start the clock over. At the end the screen is cleared
 * whatever the answer; a session the server still counts (the device's clock runs fast) is ended
 * there too, so the two agree.
 */
export function afterSessionCheck(input: {
  state: 'warning' | 'ended';
  endsBy: SessionEnd;
  expiry: string;
  answer: SessionCheckAnswer;
}): SessionCheckOutcome {
  const { state, endsBy, expiry, answer } = input;
  if (answer.ok && answer.expiry !== expiry) return { kind: 'extended' };
  const endReason = endsBy === 'idle' ? 'idle' : 'expired';
  if (answer.ok) {
    return state === 'warning'
      ? { kind: 'warn' }
      : { kind: 'leave', reason: endReason, endOnServer: true };
  }
  if (answer.unauthorized) {
    return {
      kind: 'leave',
      reason: state === 'ended' ? endReason : 'expired',
      endOnServer: false,
    };
  }
  return state === 'warning'
    ? { kind: 'warn' }
    : { kind: 'leave', reason: endReason, endOnServer: false };
}
