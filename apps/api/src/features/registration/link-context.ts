import type { RegistrationState } from '@portico/contracts';
import { maskPhone } from '../../platform/phone-mask.ts';
import type { Database, Tx } from '../../platform/db/database.ts';
import type { Clock } from '../../platform/clock.ts';
import type { RequestMeta } from '../../platform/auth/context.ts';
import type { AuditActor } from '../../platform/audit/audit.ts';
import { AppError } from '../../platform/errors.ts';
import { hashToken } from '../../platform/tokens.ts';
import { challengeSummary, type ChallengeKey } from '../../platform/verification/service.ts';
import {
  linkUnusableReason,
  linkUnusableMessage,
  dateOfBirthTriesLeft,
  registrationStepOf,
  type LinkFacts,
} from './rules.ts';
import { linkByTokenHash, registrationOf, type LinkRow, type RegistrationRow } from './queries.ts';

/** What every step works on: the locked link, its registration so far, and the time. */
export interface StepContext {
  tx: Tx;
  link: LinkRow;
  registration: RegistrationRow | null;
  now: Date;
  /** The link's token (for the one-click email link). */
  token: string;
}

export function linkFacts(link: LinkRow): LinkFacts {
  return {
    expiresAt: link.invitation.expiresAt,
    supersededAt: link.invitation.supersededAt,
    revokedAt: link.invitation.revokedAt,
    completedAt: link.invitation.completedAt,
    patient: { dateOfBirth: link.patient.dateOfBirth, endDate: link.patient.endDate },
    timeZone: link.practice.timeZone,
  };
}

/**
 * Runs one step in one `db.system` transaction with the link's invitation row locked. `LINK_UNUSABLE`
 * (nothing written) unless the link can be used. A step that must keep a failure (a wrong code or
 * date of birth) *returns* its AppError: the transaction commits, then the error is thrown.
 */
export async function inLink<R>(
  deps: { db: Database; clock: Clock },
  token: string,
  step: (ctx: StepContext) => Promise<R | AppError>,
): Promise<R> {
  const result = await deps.db.system(async (tx) => {
    const now = deps.clock.now();
    const link = await linkByTokenHash(tx, hashToken(token), true);
    const reason = linkUnusableReason(link && linkFacts(link), now);
    if (reason || !link) {
      const why = reason ?? 'invalid';
      throw new AppError('LINK_UNUSABLE', linkUnusableMessage(why), { reason: why });
    }
    const registration = await registrationOf(tx, link.invitation.id);
    return step({ tx, link, registration, now, token });
  });
  if (result instanceof AppError) throw result;
  return result;
}

export const emailChallenge = (link: LinkRow): ChallengeKey => ({
  purpose: 'registration_email',
  subjectId: link.invitation.id,
});
export const phoneChallenge = (link: LinkRow): ChallengeKey => ({
  purpose: 'registration_phone',
  subjectId: link.invitation.id,
});

/** The audit actor: the account once there is one, otherwise the (anonymous) link holder. */
export function registrationActor(
  link: LinkRow,
  meta: RequestMeta,
  accountId: string | null = null,
): AuditActor {
  return {
    practiceId: link.invitation.practiceId,
    actorType: accountId ? 'portal_account' : 'system',
    actorId: accountId,
    meta,
  };
}

/** What the link holder sees: the practice, the first name, the step and what it needs. */
export async function stateOf(
  tx: Tx,
  link: LinkRow,
  registration: RegistrationRow | null,
  now: Date,
): Promise<RegistrationState> {
  const step = registrationStepOf(registration);
  const challenge =
    step === 'verify_phone'
      ? await challengeSummary(tx, phoneChallenge(link), now)
      : step === 'complete'
        ? null
        : await challengeSummary(tx, emailChallenge(link), now);
  return {
    practice: { name: link.practice.name, slug: link.practice.slug },
    firstName: link.patient.firstName,
    step,
    email: registration?.email ?? link.patient.email,
    linkExistingAccount:
      step === 'verify_email' &&
      registration?.emailVerifiedAt != null &&
      registration.existingAccountId != null,
    phoneOnFile: maskPhone(link.patient.phone),
    phoneCodeSentTo: step === 'verify_phone' && challenge ? maskPhone(challenge.destination) : null,
    resendAfterSeconds: challenge?.resendAfterSeconds ?? 0,
    dateOfBirthTriesLeft: dateOfBirthTriesLeft(registration?.dobFailures ?? 0),
    expiresAt: link.invitation.expiresAt.toISOString(),
  };
}
