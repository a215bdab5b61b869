import { describe, expect, it } from 'vitest';
import {
  ageOn,
  availableChannels,
  blockedExplanation,
  blockedReason,
  cooldownDecision,
  cooldownWindow,
  deliveryOf,
  expiresAt,
  portalStatusOf,
  type EligibilityFacts,
} from './rules.ts';

const now = new Date('2026-11-21T15:00:00.000Z');
const seconds = (s: number) => new Date(now.getTime() - s * 1000);

describe('ageOn (whole years on a calendar date)', () => {
  it('counts a birthday today as the new age', () => {
    expect(ageOn('2013-11-21', '2026-11-21')).toBe(13);
    expect(ageOn('2013-11-22', '2026-11-21')).toBe(12);
    expect(ageOn('2013-11-20', '2026-11-21')).toBe(13);
  });

  it('a Feb-29 birthday turns a year older on Mar 1 in non-leap years, on Feb 29 in leap years', () => {
    expect(ageOn('2012-02-29', '2025-02-28')).toBe(12);
    expect(ageOn('2012-02-29', '2025-03-01')).toBe(13);
    expect(ageOn('2012-02-29', '2024-02-28')).toBe(11);
    expect(ageOn('2012-02-29', '2024-02-29')).toBe(12);
  });
});

describe('blockedReason (who may be invited)', () => {
  const adult: EligibilityFacts = {
    dateOfBirth: '1980-04-12',
    endDate: null,
    email: 'jane@example.com',
    phone: '5552014433',
  };
  const la = 'America/Los_Angeles';

  it('allows an active adult with contact data', () => {
    expect(blockedReason(adult, la, now)).toBeNull();
  });

  it('refuses an end-dated patient first', () => {
    expect(
      blockedReason({ ...adult, endDate: '2026-01-01', email: null, phone: null }, la, now),
    ).toBe('end_dated');
  });

  it('refuses a patient with neither email nor phone', () => {
    expect(blockedReason({ ...adult, email: null, phone: null }, la, now)).toBe('no_contact');
    expect(blockedReason({ ...adult, email: null }, la, now)).toBeNull();
    expect(blockedReason({ ...adult, phone: null }, la, now)).toBeNull();
  });

  it('computes age in the practice time zone: 13 today in New York, still 12 in Los Angeles', () => {
    // 2026-11-22T06:00Z is Nov 22, 01:00 in New York but still Nov 21, 22:00 in Los Angeles.
    const instant = new Date('2026-11-22T06:00:00.000Z');
    const child = { ...adult, dateOfBirth: '2013-11-22' };
    expect(blockedReason(child, 'America/New_York', instant)).toBeNull();
    expect(blockedReason(child, la, instant)).toBe('under_13');
  });

  it('allows a patient whose 13th birthday is exactly today, refuses the day before', () => {
    expect(blockedReason({ ...adult, dateOfBirth: '2013-11-21' }, la, now)).toBeNull();
    expect(blockedReason({ ...adult, dateOfBirth: '2013-11-22' }, la, now)).toBe('under_13');
  });

  it('a Feb-29 child becomes invitable on Mar 1 of a non-leap year', () => {
    const child = { ...adult, dateOfBirth: '2012-02-29' };
    expect(blockedReason(child, 'UTC', new Date('2025-02-28T23:59:59Z'))).toBe('under_13');
    expect(blockedReason(child, 'UTC', new Date('2025-03-01T00:00:00Z'))).toBeNull();
  });

  it('a registered patient is not invited again', () => {
    expect(blockedReason(adult, la, now, 'registered')).toBe('registered');
  });

  it('explains the under-13 refusal plainly', () => {
    expect(blockedExplanation('under_13')).toBe(
      'Portico does not create accounts for children under 13. A parent or guardian can be given access to this record instead (coming with family access).',
    );
    for (const reason of ['end_dated', 'no_contact', 'registered'] as const)
      expect(blockedExplanation(reason)).toMatch(/\.$/);
  });
});

describe('availableChannels', () => {
  it('offers only the channels with contact data on file', () => {
    expect(availableChannels({ email: 'a@b.c', phone: '555' })).toEqual(['email', 'sms']);
    expect(availableChannels({ email: null, phone: '555' })).toEqual(['sms']);
    expect(availableChannels({ email: 'a@b.c', phone: null })).toEqual(['email']);
    expect(availableChannels({ email: null, phone: null })).toEqual([]);
  });
});

describe('cooldownDecision (60 s between sends, at most 5 in 24 h)', () => {
  it('allows the first send', () => {
    expect(cooldownDecision([], now)).toEqual({ allowed: true });
  });

  it('refuses 59 s after a send with retryAfterSeconds 1, allows at 60 s', () => {
    expect(cooldownDecision([seconds(59)], now)).toEqual({ allowed: false, retryAfterSeconds: 1 });
    expect(cooldownDecision([seconds(60)], now)).toEqual({ allowed: true });
  });

  it('rounds a partial second up', () => {
    expect(cooldownDecision([new Date(now.getTime() - 59_500)], now)).toEqual({
      allowed: false,
      retryAfterSeconds: 1,
    });
    expect(cooldownDecision([seconds(0)], now)).toEqual({ allowed: false, retryAfterSeconds: 60 });
  });

  it('refuses a 6th send in 24 h until the oldest leaves the window', () => {
    const hour = 3600;
    const sends = [seconds(10 * hour), seconds(8 * hour), seconds(6 * hour), seconds(4 * hour)];
    const oldest = seconds(23 * hour);
    expect(cooldownDecision([...sends, oldest], now)).toEqual({
      allowed: false,
      retryAfterSeconds: hour,
    });
    const later = new Date(now.getTime() + hour * 1000);
    expect(cooldownDecision([...sends, oldest], new Date(later.getTime() - 1000))).toEqual({
      allowed: false,
      retryAfterSeconds: 1,
    });
    expect(cooldownDecision([...sends, oldest], later)).toEqual({ allowed: true });
  });

  it('ignores sends older than 24 h and takes the longer of both waits', () => {
    const old = [1, 2, 3, 4, 5, 6].map((h) => seconds((24 + h) * 3600));
    expect(cooldownDecision(old, now)).toEqual({ allowed: true });
    const five = [seconds(30), seconds(100), seconds(200), seconds(300), seconds(24 * 3600 - 10)];
    expect(cooldownDecision(five, now)).toEqual({ allowed: false, retryAfterSeconds: 30 });
  });

  it('reports the sends in the window', () => {
    expect(cooldownWindow([seconds(30), seconds(25 * 3600)], now)).toEqual({
      sendsInLast24Hours: 1,
      retryAfterSeconds: 30,
    });
  });
});

describe('portalStatusOf', () => {
  const base = {
    expiresAt: new Date(now.getTime() + 1000),
    revokedAt: null,
    openedAt: null,
    registrationStep: null,
    completedAt: null,
  };

  it('not invited without an invitation', () => {
    expect(portalStatusOf(null, now)).toBe('not_invited');
  });

  it('invited, opened, registering, registered', () => {
    expect(portalStatusOf(base, now)).toBe('invited');
    expect(portalStatusOf({ ...base, openedAt: now }, now)).toBe('opened');
    expect(portalStatusOf({ ...base, openedAt: now, registrationStep: 2 }, now)).toBe(
      'registering',
    );
    expect(
      portalStatusOf(
        { ...base, completedAt: now, expiresAt: seconds(10), registrationStep: 4 },
        now,
      ),
    ).toBe('registered');
  });

  it('expired at expires_at unless completed; revoked wins over everything but registered', () => {
    expect(portalStatusOf({ ...base, expiresAt: now }, now)).toBe('expired');
    expect(portalStatusOf({ ...base, expiresAt: seconds(1), registrationStep: 2 }, now)).toBe(
      'expired',
    );
    expect(portalStatusOf({ ...base, revokedAt: now }, now)).toBe('revoked');
    expect(portalStatusOf({ ...base, revokedAt: now, expiresAt: seconds(5) }, now)).toBe('revoked');
  });
});

describe('deliveryOf and expiresAt', () => {
  it('maps outbox states to what staff see', () => {
    expect(deliveryOf('pending')).toBe('queued');
    expect(deliveryOf('sending')).toBe('queued');
    expect(deliveryOf('sent')).toBe('delivered');
    expect(deliveryOf('dead')).toBe('failed');
  });

  it('expires after the practice lifetime in hours', () => {
    expect(expiresAt(now, 168).toISOString()).toBe('2026-11-28T15:00:00.000Z');
    expect(expiresAt(now, 1).toISOString()).toBe('2026-11-21T16:00:00.000Z');
  });
});
