import { describe, expect, it } from 'vitest';
import { formatCalendarDate, formatCountdown, formatPhone } from './format.ts';

describe('formatPhone', () => {
  it('shows North American numbers in the familiar form', () => {
    expect(formatPhone('+12175550142')).toBe('(217) 555-0142');
    expect(formatPhone('217-555-0143')).toBe('(217) 555-0143');
    expect(formatPhone('1 217 555 0144')).toBe('(217) 555-0144');
  });
  it('leaves other numbers as stored', () => {
    expect(formatPhone('+44 20 7946 0958')).toBe('+44 20 7946 0958');
    expect(formatPhone('555-0100')).toBe('555-0100');
  });
  it('shows nothing for no number', () => {
    expect(formatPhone(null)).toBe('');
  });
});

describe('formatCalendarDate', () => {
  it('never shifts a date of birth across time zones', () => {
    expect(formatCalendarDate('1984-03-09', 'en-US')).toBe('Mar 9, 1984');
  });
});

describe('formatCountdown', () => {
  it('shows minutes and seconds, rounding up so a wait never reads 0:00 early', () => {
    expect(formatCountdown(42)).toBe('0:42');
    expect(formatCountdown(60)).toBe('1:00');
    expect(formatCountdown(0.2)).toBe('0:01');
  });
  it('adds hours only for long waits', () => {
    expect(formatCountdown(3 * 3600 + 7 * 60 + 9)).toBe('3:07:09');
  });
  it('never goes below zero', () => {
    expect(formatCountdown(-5)).toBe('0:00');
  });
});
