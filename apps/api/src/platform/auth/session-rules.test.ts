import { describe, expect, it } from 'vitest';
import { expiries, sessionPolicy, sessionVerdict, shouldTouch } from './session-rules.ts';

const t0 = new Date('2026-11-21T08:00:00Z');
const at = (minutes: number) => new Date(t0.getTime() + minutes * 60_000);
const session = (lastSeenMinutes: number) => ({
  createdAt: t0,
  lastSeenAt: at(lastSeenMinutes),
  endedAt: null,
});

describe('session timeouts (POLICY.md: idle 15 min staff / 30 min patients, absolute 12 h)', () => {
  it('staff: active at 14:59 idle, expired at 15:00', () => {
    expect(sessionVerdict(session(0), new Date(at(15).getTime() - 1000), sessionPolicy.staff)).toBe(
      'active',
    );
    expect(sessionVerdict(session(0), at(15), sessionPolicy.staff)).toBe('idle_expired');
  });
  it('patients: 30 minutes idle', () => {
    expect(sessionVerdict(session(0), at(29), sessionPolicy.patient)).toBe('active');
    expect(sessionVerdict(session(0), at(30), sessionPolicy.patient)).toBe('idle_expired');
  });
  it('absolute: 12 hours after creation even when active a minute ago', () => {
    expect(sessionVerdict(session(719), at(720), sessionPolicy.staff)).toBe('absolute_expired');
  });
  it('an ended session stays ended', () => {
    expect(sessionVerdict({ ...session(0), endedAt: at(1) }, at(2), sessionPolicy.staff)).toBe(
      'ended',
    );
  });
  it('persists last_seen at most once a minute', () => {
    expect(shouldTouch(t0, new Date(t0.getTime() + 59_000))).toBe(false);
    expect(shouldTouch(t0, at(1))).toBe(true);
  });
  it('the idle deadline never passes the absolute one', () => {
    const e = expiries(session(710), sessionPolicy.staff);
    expect(e.idleExpiresAt).toEqual(at(720));
    expect(e.absoluteExpiresAt).toEqual(at(720));
  });
});
