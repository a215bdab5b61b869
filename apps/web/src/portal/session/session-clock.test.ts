import { describe, expect, it } from 'vitest';
import {
  afterSessionCheck,
  maxTimerDelayMs,
  sessionClock,
  spokenMilestone,
} from './session-clock.ts';

const start = Date.parse('2026-11-21T10:00:00.000Z');
const minute = 60_000;
const at = (ms: number) => new Date(start + ms).toISOString();

/** A session seen just now: idle 30 minutes, absolute 12 hours, warn 2 minutes before. */
const times = {
  idleExpiresAt: at(30 * minute),
  absoluteExpiresAt: at(12 * 60 * minute),
  warnBeforeSeconds: 120,
};

describe('sessionClock', () => {
  it('is active until two minutes before the idle time-out, and says when to warn', () => {
    expect(sessionClock(times, start)).toEqual({
      state: 'active',
      endsBy: 'idle',
      msUntilWarning: 28 * minute,
    });
    expect(sessionClock(times, start + 28 * minute - 1)).toMatchObject({
      state: 'active',
      msUntilWarning: 1,
    });
  });

  it('warns from two minutes before, counting whole seconds down', () => {
    expect(sessionClock(times, start + 28 * minute)).toEqual({
      state: 'warning',
      endsBy: 'idle',
      secondsLeft: 120,
      msUntilNextSecond: 1000,
    });
    expect(sessionClock(times, start + 28 * minute + 1)).toEqual({
      state: 'warning',
      endsBy: 'idle',
      secondsLeft: 120,
      msUntilNextSecond: 999,
    });
    expect(sessionClock(times, start + 28 * minute + 1000)).toMatchObject({ secondsLeft: 119 });
    expect(sessionClock(times, start + 30 * minute - 1)).toEqual({
      state: 'warning',
      endsBy: 'idle',
      secondsLeft: 1,
      msUntilNextSecond: 1,
    });
  });

  it('has ended at the idle time-out and after it (a phone woken from sleep)', () => {
    expect(sessionClock(times, start + 30 * minute)).toEqual({ state: 'ended', endsBy: 'idle' });
    expect(sessionClock(times, start + 5 * 60 * minute)).toEqual({
      state: 'ended',
      endsBy: 'idle',
    });
  });

  it('says the 12-hour limit ends the session when it comes first (no staying signed in)', () => {
    const late = {
      ...times,
      idleExpiresAt: at(12 * 60 * minute),
      absoluteExpiresAt: at(12 * 60 * minute),
    };
    const warnAt = 12 * 60 * minute - 2 * minute;
    expect(sessionClock(late, start + warnAt - minute)).toMatchObject({
      state: 'active',
      endsBy: 'absolute',
      msUntilWarning: minute,
    });
    expect(sessionClock(late, start + warnAt)).toMatchObject({
      state: 'warning',
      endsBy: 'absolute',
      secondsLeft: 120,
    });
    expect(sessionClock(late, start + 12 * 60 * minute)).toEqual({
      state: 'ended',
      endsBy: 'absolute',
    });
  });

  it('uses the earlier of the two expiries even if the server sent them unordered', () => {
    const odd = { ...times, idleExpiresAt: at(20 * minute), absoluteExpiresAt: at(10 * minute) };
    expect(sessionClock(odd, start)).toMatchObject({
      endsBy: 'absolute',
      msUntilWarning: 8 * minute,
    });
  });

  it('never asks for a timer longer than a browser can hold', () => {
    const far = {
      ...times,
      idleExpiresAt: at(40 * 24 * 60 * minute),
      absoluteExpiresAt: at(40 * 24 * 60 * minute),
    };
    const clock = sessionClock(far, start);
    expect(clock.state === 'active' && clock.msUntilWarning).toBe(maxTimerDelayMs);
  });

  it('treats a warning window of zero or less as no warning', () => {
    const none = { ...times, warnBeforeSeconds: 0 };
    expect(sessionClock(none, start + 30 * minute - 1)).toMatchObject({
      state: 'active',
      msUntilWarning: 1,
    });
  });

  it('reads unparseable times as already ended (the server has the last word)', () => {
    expect(sessionClock({ ...times, idleExpiresAt: 'soon' }, start)).toEqual({
      state: 'ended',
      endsBy: 'idle',
    });
  });
});

describe('spokenMilestone', () => {
  it('changes only at one minute, 30 seconds and 10 seconds left', () => {
    expect(spokenMilestone(120)).toBeNull();
    expect(spokenMilestone(61)).toBeNull();
    expect(spokenMilestone(60)).toBe(60);
    expect(spokenMilestone(31)).toBe(60);
    expect(spokenMilestone(30)).toBe(30);
    expect(spokenMilestone(11)).toBe(30);
    expect(spokenMilestone(10)).toBe(10);
    expect(spokenMilestone(1)).toBe(10);
  });
});

describe('afterSessionCheck', () => {
  const expiry = 'a|b';
  const same = { ok: true, expiry } as const;
  const later = { ok: true, expiry: 'c|b' } as const;
  const gone = { ok: false, unauthorized: true } as const;
  const offline = { ok: false, unauthorized: false } as const;

  it('starts over when the server has later expiries (activity in another tab)', () => {
    expect(afterSessionCheck({ state: 'warning', endsBy: 'idle', expiry, answer: later })).toEqual({
      kind: 'extended',
    });
    expect(afterSessionCheck({ state: 'ended', endsBy: 'idle', expiry, answer: later })).toEqual({
      kind: 'extended',
    });
  });

  it('warns when the server confirms the expiry, or cannot be reached', () => {
    expect(afterSessionCheck({ state: 'warning', endsBy: 'idle', expiry, answer: same })).toEqual({
      kind: 'warn',
    });
    expect(
      afterSessionCheck({ state: 'warning', endsBy: 'absolute', expiry, answer: offline }),
    ).toEqual({ kind: 'warn' });
  });

  it('at the end, signs out on the server too when it still counts the session (a fast clock)', () => {
    expect(afterSessionCheck({ state: 'ended', endsBy: 'idle', expiry, answer: same })).toEqual({
      kind: 'leave',
      reason: 'idle',
      endOnServer: true,
    });
    expect(afterSessionCheck({ state: 'ended', endsBy: 'absolute', expiry, answer: same })).toEqual(
      { kind: 'leave', reason: 'expired', endOnServer: true },
    );
  });

  it('at the end, clears the screen even when offline', () => {
    expect(afterSessionCheck({ state: 'ended', endsBy: 'idle', expiry, answer: offline })).toEqual({
      kind: 'leave',
      reason: 'idle',
      endOnServer: false,
    });
  });

  it('leaves when the session is gone: idle at the idle end, otherwise ended elsewhere', () => {
    expect(afterSessionCheck({ state: 'ended', endsBy: 'idle', expiry, answer: gone })).toEqual({
      kind: 'leave',
      reason: 'idle',
      endOnServer: false,
    });
    expect(afterSessionCheck({ state: 'warning', endsBy: 'idle', expiry, answer: gone })).toEqual({
      kind: 'leave',
      reason: 'expired',
      endOnServer: false,
    });
  });
});
