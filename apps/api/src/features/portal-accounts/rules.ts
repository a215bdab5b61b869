import type { LinkUnusableReason } from '@portico/contracts';
import { hashToken } from '../../platform/tokens.ts';

/** Pure rules of patient sign-in, password reset and the session list. Times are always passed in. */

/** POLICY.md: a forgot-password link lasts 60 minutes. */
export const resetLinkMinutes = 60;

export function resetLinkExpiresAt(createdAt: Date): Date {
  return new Date(createdAt.getTime() + resetLinkMinutes * 60_000);
}

export interface ResetLinkState {
  expiresAt: Date;
  usedAt: Date | null;
  supersededAt: Date | null;
}

export type ResetLinkProblem = Extract<
  LinkUnusableReason,
  'invalid' | 'used' | 'superseded' | 'expired'
>;

export type ResetLinkVerdict = { usable: true } | { usable: false; reason: ResetLinkProblem };

/** Single use, only the newest works, 60 minutes; `undefined` is a token that was never issued. */
export function resetLinkVerdict(link: ResetLinkState | undefined, now: Date): ResetLinkVerdict {
  if (!link) return { usable: false, reason: 'invalid' };
  if (link.usedAt) return { usable: false, reason: 'used' };
  if (link.supersededAt) return { usable: false, reason: 'superseded' };
  if (link.expiresAt <= now) return { usable: false, reason: 'expired' };
  return { usable: true };
}

/** The plain message for an unusable reset link. */
export function resetLinkProblem(reason: ResetLinkProblem): string {
  switch (reason) {
    case 'used':
      return 'This reset link has already been used. If you need to reset your password again, ask for a new link.';
    case 'superseded':
      return 'A newer reset link has been sent. Use the link in the most recent email.';
    case 'expired':
      return 'This reset link has expired. Reset links last 60 minutes; ask for a new one.';
    case 'invalid':
      return 'This reset link is not valid. Check that you copied the whole link, or ask for a new one.';
  }
}

/**
 * Whether a patient record can be opened in the portal today. The patients slice end-dates a
 * record from its end date on (which is never in the future), so a record is open without an end
 * date, or before it. `today` is the practice's calendar date (`todayIn(practice.timeZone, now)`).
 */
export function recordIsOpen(endDate: string | null, today: string): boolean {
  return endDate === null || endDate > today;
}

/** The record a session acts for: the preferred one when it may be opened, else the first that may. */
export function chooseRecord<T extends { patientId: string; open: boolean }>(
  records: readonly T[],
  preferredPatientId: string | null | undefined,
): T | null {
  const preferred = records.find((r) => r.patientId === preferredPatientId && r.open);
  return preferred ?? records.find((r) => r.open) ?? null;
}

/**
 * Failed sign-ins for an email with no portal account, in `rate_limit_buckets` (the email itself is
 * never stored). A key space of its own, apart from the staff one.
 */
export function portalSignInFailureKey(email: string): string {
  return `portal-signin-fail:${hashToken(email.toLowerCase())}`;
}

const browsers: [RegExp, string][] = [
  [/\bEdg(e|A|iOS)?\//, 'Edge'],
  [/\bOPR\/|\bOpera\b/, 'Opera'],
  [/\bSamsungBrowser\//, 'Samsung Internet'],
  [/\bFirefox\/|\bFxiOS\//, 'Firefox'],
  [/\b(Headless)?Chrome\/|\bCriOS\/|\bChromium\//, 'Chrome'],
  [/\bVersion\/[\d.]+.*\bSafari\//, 'Safari'],
];

const systems: [RegExp, string][] = [
  [/\biPhone\b/, 'iPhone'],
  [/\biPad\b/, 'iPad'],
  [/\bAndroid\b/, 'Android'],
  [/\bCrOS\b/, 'ChromeOS'],
  [/\bWindows\b/, 'Windows'],
  [/\bMacintosh\b|\bMac OS X\b/, 'macOS'],
  [/\bLinux\b/, 'Linux'],
];

/** "Chrome on Android": a short description of a user agent for the session list, never the raw header. */
export function deviceDescription(userAgent: string | null): string {
  const ua = userAgent ?? '';
  const browser = browsers.find(([pattern]) => pattern.test(ua))?.[1];
  const system = systems.find(([pattern]) => pattern.test(ua))?.[1];
  if (browser && system) return `${browser} on ${system}`;
  if (browser) return browser;
  if (system) return `Unknown browser on ${system}`;
  return 'Unknown browser';
}

/** The forgot-password email: the link and how long it lasts; nothing about the patient. */
export function resetLinkEmail(facts: { url: string }): { subject: string; text: string } {
  return {
    subject: 'Reset your Portico password',
    text: [
      'Someone asked to reset the password of the Portico patient portal account for this email address.',
      '',
      `To choose a new password, open this link within 60 minutes: ${facts.url}`,
      '',
      'The link works once. If you did not ask for it, ignore this email: your password stays the same.',
    ].join('\n'),
  };
}

function isTimeZone(timeZone: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone });
    return true;
  } catch {
    return false;
  }
}

/** The notice sent after a reset: when, in the practice's time zone; no link and nothing about the patient. */
export function portalPasswordChangedEmail(facts: { changedAt: Date; timeZone: string }): {
  subject: string;
  text: string;
} {
  const timeZone = isTimeZone(facts.timeZone) ? facts.timeZone : 'UTC';
  const parts = new Intl.DateTimeFormat('en-US', {
    timeZone,
    hourCycle: 'h23',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
  }).formatToParts(facts.changedAt);
  const part = (type: Intl.DateTimeFormatPartTypes) =>
    parts.find((p) => p.type === type)?.value ?? '';
  const date = `${part('year')}-${part('month')}-${part('day')}`;
  const time = `${part('hour')}:${part('minute')}`;
  return {
    subject: 'Your Portico password was changed',
    text: [
      `The password of your Portico patient portal account was changed on ${date} at ${time} (${timeZone}).`,
      'Every session on this account has been signed out.',
      '',
      'If you did not change it, reset your password right away and contact your practice.',
    ].join('\n'),
  };
}
