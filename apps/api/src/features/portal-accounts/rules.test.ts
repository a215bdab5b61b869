import { describe, expect, it } from 'vitest';
import {
  chooseRecord,
  deviceDescription,
  portalPasswordChangedEmail,
  portalSignInFailureKey,
  recordIsOpen,
  resetLinkEmail,
  resetLinkExpiresAt,
  resetLinkVerdict,
} from './rules.ts';

const ua = {
  chromeAndroid:
    'Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0.0.0 Mobile Safari/537.36',
  safariIphone:
    'Mozilla/5.0 (iPhone; CPU iPhone OS 17_4 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.4 Mobile/15E148 Safari/604.1',
  firefoxWindows:
    'Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:125.0) Gecko/20100101 Firefox/125.0',
  edgeWindows:
    'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0.0.0 Safari/537.36 Edg/124.0.2478.51',
  chromeIphone:
    'Mozilla/5.0 (iPhone; CPU iPhone OS 17_4 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) CriOS/124.0.6367.88 Mobile/15E148 Safari/604.1',
  safariMac:
    'Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.4 Safari/605.1.15',
  chromeLinux:
    'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0.0.0 Safari/537.36',
  samsungAndroid:
    'Mozilla/5.0 (Linux; Android 13; SM-S911B) AppleWebKit/537.36 (KHTML, like Gecko) SamsungBrowser/24.0 Chrome/117.0.0.0 Mobile Safari/537.36',
  safariIpad:
    'Mozilla/5.0 (iPad; CPU OS 17_4 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.4 Mobile/15E148 Safari/604.1',
};

describe('deviceDescription', () => {
  it('names the browser and the system', () => {
    expect(deviceDescription(ua.chromeAndroid)).toBe('Chrome on Android');
    expect(deviceDescription(ua.safariIphone)).toBe('Safari on iPhone');
    expect(deviceDescription(ua.firefoxWindows)).toBe('Firefox on Windows');
    expect(deviceDescription(ua.edgeWindows)).toBe('Edge on Windows');
    expect(deviceDescription(ua.chromeIphone)).toBe('Chrome on iPhone');
    expect(deviceDescription(ua.safariMac)).toBe('Safari on macOS');
    expect(deviceDescription(ua.chromeLinux)).toBe('Chrome on Linux');
    expect(deviceDescription(ua.samsungAndroid)).toBe('Samsung Internet on Android');
    expect(deviceDescription(ua.safariIpad)).toBe('Safari on iPad');
    expect(
      deviceDescription(
        'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) HeadlessChrome/142.0.0.0 Safari/537.36',
      ),
    ).toBe('Chrome on Linux');
  });

  it('says "Unknown browser" for what it cannot read', () => {
    expect(deviceDescription(null)).toBe('Unknown browser');
    expect(deviceDescription('')).toBe('Unknown browser');
    expect(deviceDescription('curl/8.4.0')).toBe('Unknown browser');
    expect(deviceDescription('lightMyRequest')).toBe('Unknown browser');
  });

  it('keeps a known system when the browser is unknown, and vice versa', () => {
    expect(deviceDescription('SomeApp/1.0 (Windows NT 10.0)')).toBe('Unknown browser on Windows');
    expect(deviceDescription('Mozilla/5.0 Firefox/125.0')).toBe('Firefox');
  });
});

describe('recordIsOpen', () => {
  it('is open without an end date', () => {
    expect(recordIsOpen(null, '2026-11-21')).toBe(true);
  });
  it('is closed from the end date on (practice-local today)', () => {
    expect(recordIsOpen('2026-11-21', '2026-11-21')).toBe(false);
    expect(recordIsOpen('2026-11-01', '2026-11-21')).toBe(false);
  });
  it('is still open before a (future) end date', () => {
    expect(recordIsOpen('2026-11-22', '2026-11-21')).toBe(true);
  });
});

describe('chooseRecord', () => {
  const a = { patientId: 'a', open: true };
  const b = { patientId: 'b', open: true };
  const ended = { patientId: 'e', open: false };

  it('takes the preferred record when it is open', () => {
    expect(chooseRecord([a, b], 'b')).toBe(b);
  });
  it('falls back to the first open record', () => {
    expect(chooseRecord([ended, a, b], 'e')).toBe(a);
    expect(chooseRecord([ended, b], null)).toBe(b);
    expect(chooseRecord([a, b], 'unknown')).toBe(a);
  });
  it('is null when no record can be opened', () => {
    expect(chooseRecord([ended], null)).toBeNull();
    expect(chooseRecord([], 'a')).toBeNull();
  });
});

describe('resetLinkVerdict', () => {
  const created = new Date('2026-11-21T15:00:00.000Z');
  const link = {
    expiresAt: resetLinkExpiresAt(created),
    usedAt: null,
    supersededAt: null,
  };

  it('lasts 60 minutes', () => {
    expect(link.expiresAt.toISOString()).toBe('2026-11-21T16:00:00.000Z');
    expect(resetLinkVerdict(link, new Date('2026-11-21T15:59:59.999Z'))).toEqual({ usable: true });
    expect(resetLinkVerdict(link, new Date('2026-11-21T16:00:00.000Z'))).toEqual({
      usable: false,
      reason: 'expired',
    });
  });
  it('is unusable when unknown, used or superseded', () => {
    const now = new Date('2026-11-21T15:10:00.000Z');
    expect(resetLinkVerdict(undefined, now)).toEqual({ usable: false, reason: 'invalid' });
    expect(resetLinkVerdict({ ...link, usedAt: now }, now)).toEqual({
      usable: false,
      reason: 'used',
    });
    expect(resetLinkVerdict({ ...link, supersededAt: now }, now)).toEqual({
      usable: false,
      reason: 'superseded',
    });
  });
  it('reports a used link as used even after it expired', () => {
    expect(
      resetLinkVerdict({ ...link, usedAt: created }, new Date('2026-11-22T00:00:00.000Z')),
    ).toEqual({ usable: false, reason: 'used' });
  });
});

describe('portalSignInFailureKey', () => {
  it('ignores case, never holds the email, and differs from the staff key space', () => {
    const key = portalSignInFailureKey('Jane@Example.com');
    expect(key).toBe(portalSignInFailureKey('jane@example.com'));
    expect(key).not.toContain('jane');
    expect(key.startsWith('portal-signin-fail:')).toBe(true);
  });
});

describe('emails', () => {
  it('the reset email carries the link and no personal data', () => {
    const mail = resetLinkEmail({ url: 'http://portico.test/portal/reset-password/abc' });
    expect(mail.text).toContain('http://portico.test/portal/reset-password/abc');
    expect(mail.text).toContain('60 minutes');
    expect(mail.subject).toBe('Reset your Portico password');
  });
  it('the password-changed email says when, in the practice time zone', () => {
    const mail = portalPasswordChangedEmail({
      changedAt: new Date('2026-11-21T15:00:00.000Z'),
      timeZone: 'America/New_York',
    });
    expect(mail.subject).toBe('Your Portico password was changed');
    expect(mail.text).toContain('2026-11-21 at 10:00 (America/New_York)');
    expect(mail.text).toContain('signed out');
  });
});
