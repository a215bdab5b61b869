import { describe, expect, it } from 'vitest';
import {
  dateOfBirthPolicy,
  dateOfBirthTriesLeft,
  emailCodeMessage,
  linkUnusableMessage,
  linkUnusableReason,
  meterScore,
  phoneCodeMessage,
  registrationStepOf,
  requireStep,
  stepNumber,
  type LinkFacts,
  type RegistrationFacts,
} from './rules.ts';
import type { AppError } from '../../platform/errors.ts';

const now = new Date('2026-11-21T15:00:00Z');
const link: LinkFacts = {
  expiresAt: new Date('2026-11-28T15:00:00Z'),
  supersededAt: null,
  revokedAt: null,
  completedAt: null,
  patient: { dateOfBirth: '1980-04-02', endDate: null },
  timeZone: 'America/New_York',
};

describe('whether an invitation link can be used', () => {
  it('accepts a live link', () => {
    expect(linkUnusableReason(link, now)).toBeNull();
  });
  it('refuses an unknown link as invalid', () => {
    expect(linkUnusableReason(null, now)).toBe('invalid');
  });
  it('refuses a link whose registration completed as used (even if also expired)', () => {
    const used = { ...link, completedAt: now, expiresAt: now };
    expect(linkUnusableReason(used, now)).toBe('used');
  });
  it('refuses a link of an end-dated patient', () => {
    expect(
      linkUnusableReason({ ...link, patient: { ...link.patient, endDate: '2026-11-01' } }, now),
    ).toBe('end_dated');
  });
  it('refuses a link of a patient under 13 (age in the practice time zone) as invalid', () => {
    // 13th birthday on 2026-11-22: still 12 in New York at 15:00Z on the 21st.
    const child = { ...link, patient: { dateOfBirth: '2013-11-22', endDate: null } };
    expect(linkUnusableReason(child, now)).toBe('invalid');
    expect(linkUnusableReason(child, new Date('2026-11-22T05:00:00Z'))).toBeNull();
  });
  it('refuses revoked, then superseded, then expired links', () => {
    expect(linkUnusableReason({ ...link, revokedAt: now, supersededAt: now }, now)).toBe('revoked');
    expect(linkUnusableReason({ ...link, supersededAt: now }, now)).toBe('superseded');
    expect(linkUnusableReason({ ...link, expiresAt: now }, now)).toBe('expired');
    expect(
      linkUnusableReason({ ...link, expiresAt: new Date(now.getTime() + 1000) }, now),
    ).toBeNull();
  });
  it('explains every reason without detail and says how to get a new link', () => {
    for (const reason of [
      'invalid',
      'expired',
      'superseded',
      'revoked',
      'used',
      'end_dated',
    ] as const) {
      const message = linkUnusableMessage(reason);
      expect(message.length).toBeGreaterThan(20);
      if (reason !== 'used') expect(message).toMatch(/practice/);
    }
    expect(linkUnusableMessage('used')).toMatch(/sign in/i);
  });
});

describe('date of birth tries (5 per link, then the link stops accepting them)', () => {
  it('allows 5 wrong dates of birth, then none', () => {
    expect(dateOfBirthPolicy.maxFailures).toBe(5);
    expect(dateOfBirthTriesLeft(0)).toBe(5);
    expect(dateOfBirthTriesLeft(4)).toBe(1);
    expect(dateOfBirthTriesLeft(5)).toBe(0);
    expect(dateOfBirthTriesLeft(7)).toBe(0);
  });
});

const none: RegistrationFacts = {
  email: null,
  emailVerifiedAt: null,
  existingAccountId: null,
  accountId: null,
  phoneVerifiedAt: null,
  completedAt: null,
};

describe('the first incomplete step', () => {
  it('walks create account → verify email → verify phone → complete', () => {
    expect(registrationStepOf(null)).toBe('create_account');
    expect(registrationStepOf(none)).toBe('create_account');
    const created = { ...none, email: 'a@example.com' };
    expect(registrationStepOf(created)).toBe('verify_email');
    // The email is verified but belongs to an existing account: its password is still needed.
    const linking = { ...created, emailVerifiedAt: now, existingAccountId: 'acc' };
    expect(registrationStepOf(linking)).toBe('verify_email');
    const withAccount = { ...created, emailVerifiedAt: now, accountId: 'acc' };
    expect(registrationStepOf(withAccount)).toBe('verify_phone');
    expect(registrationStepOf({ ...withAccount, phoneVerifiedAt: now, completedAt: now })).toBe(
      'complete',
    );
  });
  it('numbers the steps for staff', () => {
    expect(stepNumber('create_account')).toBe(1);
    expect(stepNumber('verify_email')).toBe(2);
    expect(stepNumber('verify_phone')).toBe(3);
    expect(stepNumber('complete')).toBe(4);
  });
  it('refuses a step out of order with CONFLICT', () => {
    expect(() => {
      requireStep('verify_email', 'verify_email');
    }).not.toThrow();
    const early = (() => {
      try {
        requireStep('create_account', 'verify_phone');
      } catch (e) {
        return e as AppError;
      }
      return null;
    })();
    expect(early?.code).toBe('CONFLICT');
    expect(early?.message).toMatch(/isn't available yet/);
    const late = (() => {
      try {
        requireStep('verify_phone', 'create_account');
      } catch (e) {
        return e as AppError;
      }
      return null;
    })();
    expect(late?.code).toBe('CONFLICT');
    expect(late?.message).toMatch(/already done/);
  });
});

describe('what the patient is shown and sent', () => {
  it('puts only the code, the practice name and the link in the email', () => {
    const m = emailCodeMessage({
      practiceName: 'Maple Clinic',
      code: '123456',
      link: 'http://x/portal/register/t?verify=v',
    });
    expect(m.subject).toBe('Your Maple Clinic portal verification code');
    expect(m.text).toContain('Your verification code is 123456.');
    expect(m.text).toContain('http://x/portal/register/t?verify=v');
  });
  it('reads the digits separately in a voice call', () => {
    expect(phoneCodeMessage('123456', 'voice')).toBe(
      'Your Portico code is 1 2 3 4 5 6. Again: 1 2 3 4 5 6.',
    );
    expect(phoneCodeMessage('123456', 'sms')).toBe(
      'Your Portico code is 123456. It expires in 10 minutes.',
    );
  });
  it('caps the meter below "strong" for a refused password and raises it for an accepted one', () => {
    expect(meterScore(4, false)).toBe(2);
    expect(meterScore(1, false)).toBe(1);
    expect(meterScore(3, true)).toBe(3);
    expect(meterScore(2, true)).toBe(3);
  });
});
