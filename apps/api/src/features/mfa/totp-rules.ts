import { timingSafeEqual } from 'node:crypto';
import { Secret, TOTP } from 'otpauth';

/** POLICY.md: 30-second steps, 6 digits (SHA-1, what every authenticator app speaks), ±1 step. */
export const totpStepSeconds = 30;
const totpDigits = 6;
const totpDriftSteps = 1;
const totpIssuer = 'Portico';

function totp(secret: string, label = ''): TOTP {
  return new TOTP({
    issuer: totpIssuer,
    label,
    secret: Secret.fromBase32(secret),
    algorithm: 'SHA1',
    digits: totpDigits,
    period: totpStepSeconds,
  });
}

/** A new 160-bit secret in base32 (what the QR code carries and a person may type). */
export function newTotpSecret(): string {
  return new Secret({ size: 20 }).base32;
}

export function totpStepAt(now: Date): number {
  return Math.floor(now.getTime() / 1000 / totpStepSeconds);
}

/** The code an authenticator app shows at `now` (tests and the test harness use it). */
export function totpCodeAt(secret: string, now: Date): string {
  return totp(secret).generate({ timestamp: now.getTime() });
}

/**
 * The time step a typed code belongs to, or null when it matches none of the steps allowed:
 * the current one ±1, and only steps after `lastAcceptedStep` (each code is accepted once).
 */
export function matchTotpStep(
  secret: string,
  code: string,
  now: Date,
  lastAcceptedStep: number | null,
): number | null {
  const typed = code.replace(/\s+/g, '');
  if (!/^\d{6}$/.test(typed)) return null;
  const current = totpStepAt(now);
  const generator = totp(secret);
  for (let step = current - totpDriftSteps; step <= current + totpDriftSteps; step++) {
    if (lastAcceptedStep !== null && step <= lastAcceptedStep) continue;
    const expected = generator.generate({ timestamp: step * totpStepSeconds * 1000 });
    if (timingSafeEqual(Buffer.from(expected), Buffer.from(typed))) return step;
  }
  return null;
}

/** `otpauth://totp/Portico:<email>?issuer=Portico&secret=…` for the QR code. */
export function totpOtpauthUrl(secret: string, accountName: string): string {
  return totp(secret, accountName).toString();
}
