import type { InvitationChannel, PortalStatus } from '@portico/contracts';
import { todayIn } from '../../platform/time.ts';

/** Pure decisions about portal invitations (POLICY.md: Invitations and registration). No I/O, no clock. */

// ---------------------------------------------------------------- eligibility

export type BlockedReason = 'under_13' | 'end_dated' | 'no_contact' | 'registered';

export interface EligibilityFacts {
  dateOfBirth: string;
  endDate: string | null;
  email: string | null;
  phone: string | null;
}

export const minimumAgeYears = 13;

/**
 * Whole years between two ISO dates. Comparing month-day strings makes a Feb-29 birthday pass on
 * Mar 1 in non-leap years ("02-28" < "02-29" < "03-01").
 */
export function ageOn(dateOfBirth: string, today: string): number {
  const years = Number(today.slice(0, 4)) - Number(dateOfBirth.slice(0, 4));
  return today.slice(5) < dateOfBirth.slice(5) ? years - 1 : years;
}

export function availableChannels(
  contact: Pick<EligibilityFacts, 'email' | 'phone'>,
): InvitationChannel[] {
  const channels: InvitationChannel[] = [];
  if (contact.email) channels.push('email');
  if (contact.phone) channels.push('sms');
  return channels;
}

/** Why the patient cannot be invited at `now` (age in the practice's time zone), or null. */
export function blockedReason(
  patient: EligibilityFacts,
  timeZone: string,
  now: Date,
  status: PortalStatus = 'not_invited',
): BlockedReason | null {
  if (patient.endDate !== null) return 'end_dated';
  if (ageOn(patient.dateOfBirth, todayIn(timeZone, now)) < minimumAgeYears) return 'under_13';
  if (status === 'registered') return 'registered';
  if (availableChannels(patient).length === 0) return 'no_contact';
  return null;
}

/** What staff are told when they try to invite a blocked patient. */
export function blockedExplanation(reason: BlockedReason): string {
  switch (reason) {
    case 'under_13':
      return 'Portico does not create accounts for children under 13. A parent or guardian can be given access to this record instead (coming with family access).';
    case 'end_dated':
      return 'This patient is end-dated. Reactivate the record to invite them to the portal.';
    case 'no_contact':
      return 'This patient has no email address or mobile number on file. Add one to the record to send an invitation.';
    case 'registered':
      return 'This patient has already registered for the portal.';
  }
}

// ---------------------------------------------------------------- cooldown

export const resendIntervalSeconds = 60;
export const maxSendsPerDay = 5;
const dayMs = 24 * 60 * 60 * 1000;

export type CooldownDecision = { allowed: true } | { allowed: false; retryAfterSeconds: number };

/** The sends still inside the 24-hour window and the seconds until the next send (0 = now). */
export function cooldownWindow(
  recentSendTimes: Date[],
  now: Date,
): { sendsInLast24Hours: number; retryAfterSeconds: number } {
  const t = now.getTime();
  const inWindow = recentSendTimes
    .map((d) => d.getTime())
    .filter((sent) => sent > t - dayMs)
    .sort((a, b) => a - b);
  const waits: number[] = [0];
  const latest = inWindow.at(-1);
  if (latest !== undefined) waits.push(latest + resendIntervalSeconds * 1000 - t);
  if (inWindow.length >= maxSendsPerDay) {
    // The send that must leave the window before another is allowed.
    const leaving = inWindow[inWindow.length - maxSendsPerDay];
    if (leaving !== undefined) waits.push(leaving + dayMs - t);
  }
  const waitMs = Math.max(...waits);
  return {
    sendsInLast24Hours: inWindow.length,
    retryAfterSeconds: waitMs > 0 ? Math.ceil(waitMs / 1000) : 0,
  };
}

/** 60 s between sends and at most 5 sends in any 24 h for one patient. */
export function cooldownDecision(recentSendTimes: Date[], now: Date): CooldownDecision {
  const { retryAfterSeconds } = cooldownWindow(recentSendTimes, now);
  return retryAfterSeconds > 0 ? { allowed: false, retryAfterSeconds } : { allowed: true };
}

export function cooldownMessage(retryAfterSeconds: number): string {
  const minutes = Math.floor(retryAfterSeconds / 60);
  const wait =
    retryAfterSeconds < 60
      ? `${retryAfterSeconds} second${retryAfterSeconds === 1 ? '' : 's'}`
      : minutes < 60
        ? `${minutes + (retryAfterSeconds % 60 > 0 ? 1 : 0)} minutes`
        : `${Math.ceil(retryAfterSeconds / 3600)} hours`;
  return `An invitation was sent to this patient recently. You can send another in about ${wait}.`;
}

// ---------------------------------------------------------------- status and delivery

export interface InvitationFacts {
  expiresAt: Date;
  revokedAt: Date | null;
  openedAt: Date | null;
  registrationStep: number | null;
  completedAt: Date | null;
}

/** The portal status from the patient's latest (non-superseded) invitation, or none. */
export function portalStatusOf(invitation: InvitationFacts | null, now: Date): PortalStatus {
  if (!invitation) return 'not_invited';
  if (invitation.completedAt) return 'registered';
  if (invitation.revokedAt) return 'revoked';
  if (invitation.expiresAt.getTime() <= now.getTime()) return 'expired';
  if (invitation.registrationStep !== null) return 'registering';
  if (invitation.openedAt) return 'opened';
  return 'invited';
}

/** Whether the invitation can still be revoked (it may still be used). */
export function isRevocable(status: PortalStatus): boolean {
  switch (status) {
    case 'invited':
    case 'opened':
    case 'registering':
      return true;
    case 'not_invited':
    case 'registered':
    case 'expired':
    case 'revoked':
      return false;
  }
}

export type OutboxStatus = 'pending' | 'sending' | 'sent' | 'dead';
export type DeliveryState = 'queued' | 'delivered' | 'failed';

export function deliveryOf(status: OutboxStatus): DeliveryState {
  switch (status) {
    case 'pending':
    case 'sending':
      return 'queued';
    case 'sent':
      return 'delivered';
    case 'dead':
      return 'failed';
  }
}

export function expiresAt(sentAt: Date, lifetimeHours: number): Date {
  return new Date(sentAt.getTime() + lifetimeHours * 3_600_000);
}

/** The outbox reference of an invitation's messages. */
export function outboxReference(invitationId: string): string {
  return `invitation:${invitationId}`;
}
