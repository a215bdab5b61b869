import { describe, expect, it } from 'vitest';
import { containsCardNumber, luhnValid } from './card-number.ts';

describe('card numbers in a message (the same rule as the API)', () => {
  it('checks the Luhn sum', () => {
    expect(luhnValid('4111111111111111')).toBe(true);
    expect(luhnValid('4111111111111112')).toBe(false);
    expect(luhnValid('')).toBe(false);
  });

  it.each([
    'My card is 4111 1111 1111 1111, please charge it',
    'amex 3782-822463-10005',
    'visa13 4222222222222',
    '6011000990139424 expires 12/29',
    'ref 12 4111 1111 1111 1111',
    '4111111111111111',
  ])('finds one in %j', (text) => {
    expect(containsCardNumber(text)).toBe(true);
  });

  it.each([
    'Call me at 555-201-4447',
    'My MRN is P000123 and my DOB is 1980-04-12',
    'Order 4111 1111 1111 1112 (not a valid card)',
    '123456789012', // 12 digits
    '12345678901234567890', // 20 digits
    '4111  1111  1111  1111', // double spaces split it into numbers too short to be a card
    '',
  ])('does not flag %j', (text) => {
    expect(containsCardNumber(text)).toBe(false);
  });
});
