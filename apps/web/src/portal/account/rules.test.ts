import { describe, expect, it } from 'vitest';
import { deviceKind, groupSecret, hasSecondFactor, recoveryCodesFile } from './rules.ts';

describe('groupSecret', () => {
  it('splits a base32 key into groups of four for reading and typing', () => {
    expect(groupSecret('JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP')).toBe(
      'JBSW Y3DP EHPK 3PXP JBSW Y3DP EHPK 3PXP',
    );
  });

  it('keeps a short last group, drops padding and spaces, and upper-cases', () => {
    expect(groupSecret('jbsw y3dp eh==')).toBe('JBSW Y3DP EH');
    expect(groupSecret('')).toBe('');
  });
});

describe('recoveryCodesFile', () => {
  it('is plain text with a title, the date, one code per line and how to use them', () => {
    const text = recoveryCodesFile(['aaaa-bbbb', 'cccc-dddd'], {
      title: 'Recovery codes',
      created: 'Made on Nov 21, 2026.',
      help: 'Each code works once.',
    });
    expect(text).toBe(
      'Recovery codes\r\nMade on Nov 21, 2026.\r\n\r\naaaa-bbbb\r\ncccc-dddd\r\n\r\nEach code works once.\r\n',
    );
  });
});

describe('deviceKind', () => {
  it.each([
    ['Mozilla/5.0 (iPhone; CPU iPhone OS 18_0 like Mac OS X) AppleWebKit/605.1.15', 'iphone'],
    ['Mozilla/5.0 (iPad; CPU OS 17_4 like Mac OS X) AppleWebKit/605.1.15', 'ipad'],
    ['Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 Chrome/130 Mobile', 'android'],
    ['Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 Safari/605', 'mac'],
    ['Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 Chrome/130', 'windows'],
    ['Mozilla/5.0 (X11; CrOS x86_64 14541.0.0) AppleWebKit/537.36 Chrome/130', 'chromebook'],
    ['Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 Chrome/130', 'linux'],
    ['curl/8.0', 'other'],
  ] as const)('names the device from %s', (userAgent, kind) => {
    expect(deviceKind(userAgent)).toBe(kind);
  });
});

describe('hasSecondFactor', () => {
  const none = {
    totp: { enabled: false, createdAt: null },
    sms: { enabled: false, available: true, phone: '•••• 0142' },
    passkeys: [],
    recoveryCodesLeft: 0,
    enrollmentRequired: false,
  };

  it('is false with no app, no text messages and no passkey', () => {
    expect(hasSecondFactor(none)).toBe(false);
  });

  it('is true with any one of them', () => {
    expect(hasSecondFactor({ ...none, totp: { enabled: true, createdAt: null } })).toBe(true);
    expect(hasSecondFactor({ ...none, sms: { ...none.sms, enabled: true } })).toBe(true);
    expect(
      hasSecondFactor({
        ...none,
        passkeys: [
          {
            id: '00000000-0000-4000-8000-000000000001',
            label: 'Phone',
            createdAt: '2026-11-21T10:00:00.000Z',
            lastUsedAt: null,
          },
        ],
      }),
    ).toBe(true);
  });
});
