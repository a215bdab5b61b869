import type { LinkUnusableReason, RegistrationStep } from '@portico/contracts';
import { AppError } from '../../platform/errors.ts';
import { spokenDigits, verificationPolicy } from '../../platform/verification/rules.ts';
import { todayIn } from '../../platform/time.ts';
import { ageOn, minimumAgeYears } from '../invitations/rules.ts';

/** Pure decisions of patient registration from an invitation link (POLICY.md). No I/O, no clock. */

// ---------------------------------------------------------------- the link

export interface LinkFacts {
  expiresAt: Date;
  supersededAt: Date | null;
  revokedAt: Date | null;
  completedAt: Date | null;
  patient: { dateOfBirth: string; endDate: string | null };
  /** The practice's time zone (a child's age is computed there). */
  timeZone: string;
}

/**
 * Why the link cannot be used at `now`, or null. A completed registration makes it `used`; an
 * end-dated patient `end_dated`; a patient under 13 is answered `invalid` (no detail).
 */
export function linkUnusableReason(link: LinkFacts | null, now: Date): LinkUnusableReason | null {
  if (!link) return 'invalid';
  if (link.completedAt) return 'used';
  if (link.patient.endDate !== null) return 'end_dated';
  if (ageOn(link.patient.dateOfBirth, todayIn(link.timeZone, now)) < minimumAgeYears) {
    return 'invalid';
  }
  if (link.revokedAt) return 'revoked';
  if (link.supersededAt) return 'superseded';
  if (link.expiresAt.getTime() <= now.getTime()) return 'expired';
  return null;
}

const askForNewLink = 'Please contact the practice and ask them to send you a new invitation.';

/** What the link holder is told: nothing about the patient, and how to get a working link. */
export function linkUnusableMessage(reason: LinkUnusableReason): string {
  switch (reason) {
    case 'invalid':
      return `This registration link is not valid. ${askForNewLink}`;
    case 'expired':
      return `This registration link has expired. ${askForNewLink}`;
    case 'superseded':
      return `A newer invitation has been sent, so this link no longer works. Use the link in the most recent message, or contact the practice.`;
    case 'revoked':
      return `This registration link has been cancelled by the practice. ${askForNewLink}`;
    case 'used':
      return 'This registration link has already been used. Sign in to the portal with your email and password.';
    case 'end_dated':
      return 'This registration link can no longer be used. Please contact the practice.';
  }
}

// ---------------------------------------------------------------- date of birth

/**
 * Wrong dates of birth allowed on one link. At the limit the link stops accepting them for good
 * (the patient contacts the practice, who may send a new invitation — a new link starts afresh).
 */
export const dateOfBirthPolicy = { maxFailures: 5 } as const;

export function dateOfBirthTriesLeft(failures: number): number {
  return Math.max(0, dateOfBirthPolicy.maxFailures - failures);
}

export function wrongDateOfBirthMessage(triesLeft: number): string {
  return triesLeft === 0
    ? dateOfBirthLockedMessage
    : `That date of birth does not match our records. You have ${triesLeft} ${triesLeft === 1 ? 'try' : 'tries'} left.`;
}

export const dateOfBirthLockedMessage =
  'This link no longer accepts a date of birth because of too many wrong tries. Please contact the practice to confirm your details and get a new invitation.';

// ---------------------------------------------------------------- steps

export interface RegistrationFacts {
  email: string | null;
  emailVerifiedAt: Date | null;
  existingAccountId: string | null;
  accountId: string | null;
  phoneVerifiedAt: Date | null;
  completedAt: Date | null;
}

/** The first incomplete step; the same link on any device resumes there. */
export function registrationStepOf(r: RegistrationFacts | null): RegistrationStep {
  if (!r?.email) return 'create_account';
  if (r.completedAt) return 'complete';
  if (!r.emailVerifiedAt || !r.accountId) return 'verify_email';
  if (!r.phoneVerifiedAt) return 'verify_phone';
  return 'complete';
}

/** The step number staff see ("registering (step N)"). */
export function stepNumber(step: RegistrationStep): number {
  switch (step) {
    case 'create_account':
      return 1;
    case 'verify_email':
      return 2;
    case 'verify_phone':
      return 3;
    case 'complete':
      return 4;
  }
}

/** Refuses (409, nothing changed) a call for a step other than the current one. */
export function requireStep(current: RegistrationStep, wanted: RegistrationStep): void {
  if (current === wanted) return;
  throw new AppError(
    'CONFLICT',
    stepNumber(wanted) > stepNumber(current)
      ? "This step isn't available yet. Finish the earlier steps first."
      : 'This step is already done. Continue with the next step.',
  );
}

// ---------------------------------------------------------------- what is shown and sent

/** The verification email: the code, the practice's name and the one-click link. No PHI. */
export function emailCodeMessage(facts: { practiceName: string; code: string; link: string }): {
  subject: string;
  text: string;
} {
  return {
    subject: `Your ${facts.practiceName} portal verification code`,
    text: [
      `Your verification code is ${facts.code}.`,
      '',
      `Or confirm your email address by opening this link: ${facts.link}`,
      '',
      `The code and the link expire in ${verificationPolicy.codeLifetimeMinutes} minutes. If you did not ask for this, you can ignore this message.`,
    ].join('\n'),
  };
}

/** The SMS text, or the words a voice call reads (digits one by one, twice). */
export function phoneCodeMessage(code: string, channel: 'sms' | 'voice'): string {
  return channel === 'voice'
    ? `Your Portico code is ${spokenDigits(code)}. Again: ${spokenDigits(code)}.`
    : `Your Portico code is ${code}. It expires in ${verificationPolicy.codeLifetimeMinutes} minutes.`;
}

/** The meter agrees with the verdict: a refused password shows at most 2, an accepted one at least 3. */
export function meterScore(score: number, acceptable: boolean): number {
  return acceptable ? Math.max(3, score) : Math.min(2, score);
}
