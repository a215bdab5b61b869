import { describe, expect, it } from 'vitest';
import {
  autoCloseDue,
  containsCardNumber,
  luhnValid,
  messageLengthProblem,
  mayStartThread,
  type MessagingPolicy,
} from './rules.ts';

describe('card numbers in a message (POLICY.md: Luhn-valid 13–19 digits)', () => {
  it('checks the Luhn sum', () => {
    expect(luhnValid('4111111111111111')).toBe(true);
    expect(luhnValid('4111111111111112')).toBe(false);
  });

  it.each([
    'My card is 4111 1111 1111 1111, please charge it',
    'amex 3782-822463-10005',
    'visa13 4222222222222',
    '6011000990139424 expires 12/29',
  ])('finds one in %j', (text) => {
    expect(containsCardNumber(text)).toBe(true);
  });

  it.each([
    'Call me at 555-201-4447',
    'My MRN is P000123 and my DOB is 1980-04-12',
    'Order 4111 1111 1111 1112 (not a valid card)',
    '123456789012', // 12 digits
    '12345678901234567890', // 20 digits
  ])('does not flag %j', (text) => {
    expect(containsCardNumber(text)).toBe(false);
  });
});

describe('message length (patients 1–1000, staff up to 10 000 characters)', () => {
  it('refuses an empty or blank message', () => {
    expect(messageLengthProblem('   ', 'patient')).toBe('empty');
  });
  it('allows exactly the limit and refuses one more', () => {
    expect(messageLengthProblem('a'.repeat(1000), 'patient')).toBeNull();
    expect(messageLengthProblem('a'.repeat(1001), 'patient')).toBe('too_long');
    expect(messageLengthProblem('a'.repeat(10_000), 'staff')).toBeNull();
    expect(messageLengthProblem('a'.repeat(10_001), 'staff')).toBe('too_long');
  });
  it('counts characters, not UTF-16 units', () => {
    expect(messageLengthProblem('😀'.repeat(1000), 'patient')).toBeNull();
  });
});

describe('who may start a thread', () => {
  const seen = { providerIsTheirs: true };
  const other = { providerIsTheirs: false };
  const cases: [MessagingPolicy, 'staff' | 'patient', { providerIsTheirs: boolean }, boolean][] = [
    ['practice_only', 'staff', other, true],
    ['practice_only', 'patient', seen, false],
    ['patients_to_their_providers', 'staff', other, true],
    ['patients_to_their_providers', 'patient', seen, true],
    ['patients_to_their_providers', 'patient', other, false],
    ['patients_to_anyone', 'staff', other, true],
    ['patients_to_anyone', 'patient', other, true],
  ];
  it.each(cases)('%s, %s (provider theirs: %o) → %s', (policy, who, target, allowed) => {
    expect(mayStartThread(policy, who, target)).toBe(allowed);
  });
});

describe('auto-close (N hours after a staff message without a patient reply; 0 = never)', () => {
  const staffAt = new Date('2026-11-21T10:00:00Z');
  const hours = (h: number) => new Date(staffAt.getTime() + h * 3_600_000);
  const thread = {
    status: 'waiting' as const,
    lastStaffMessageAt: staffAt,
    lastPatientMessageAt: null,
  };

  it('is open at 47 hours and closes at 48', () => {
    expect(autoCloseDue(thread, 48, hours(47))).toBe(false);
    expect(autoCloseDue(thread, 48, hours(48))).toBe(true);
  });
  it('a patient reply after the staff message resets it', () => {
    expect(autoCloseDue({ ...thread, lastPatientMessageAt: hours(1) }, 48, hours(60))).toBe(false);
  });
  it('never closes with 0 hours, nor a thread already closed or without a staff message', () => {
    expect(autoCloseDue(thread, 0, hours(1000))).toBe(false);
    expect(autoCloseDue({ ...thread, status: 'closed' }, 48, hours(60))).toBe(false);
    expect(autoCloseDue({ ...thread, lastStaffMessageAt: null }, 48, hours(60))).toBe(false);
  });
});
