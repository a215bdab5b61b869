import type { MfaStatus } from '@portico/contracts';

/** A base32 TOTP key as `ABCD EFGH …`: easier to read out and to type into an app. */
export function groupSecret(secret: string): string {
  const clean = secret.replace(/[\s=]/g, '').toUpperCase();
  return (clean.match(/.{1,4}/g) ?? []).join(' ');
}

/** The downloadable `.txt` of recovery codes (CRLF, so every editor shows the lines). */
export function recoveryCodesFile(
  codes: string[],
  words: { title: string; created: string; help: string },
): string {
  return [words.title, words.created, '', ...codes, '', words.help, ''].join('\r\n');
}

export type DeviceKind =
  'iphone' | 'ipad' | 'android' | 'mac' | 'windows' | 'chromebook' | 'linux' | 'other';

/** A default name for a new passkey, from the browser's user agent. */
export function deviceKind(userAgent: string): DeviceKind {
  if (/iPhone/.test(userAgent)) return 'iphone';
  if (/iPad/.test(userAgent)) return 'ipad';
  if (/Android/.test(userAgent)) return 'android';
  if (/CrOS/.test(userAgent)) return 'chromebook';
  if (/Macintosh|Mac OS X/.test(userAgent)) return 'mac';
  if (/Windows/.test(userAgent)) return 'windows';
  if (/Linux/.test(userAgent)) return 'linux';
  return 'other';
}

/** Whether signing in asks for more than the password. */
export function hasSecondFactor(status: MfaStatus): boolean {
  return status.totp.enabled || status.sms.enabled || status.passkeys.length > 0;
}
