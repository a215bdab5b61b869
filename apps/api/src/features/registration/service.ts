import type { PasswordCheckResult, RegistrationState } from '@portico/contracts';
import type { Database } from '../../platform/db/database.ts';
import type { Clock } from '../../platform/clock.ts';
import type { RequestMeta } from '../../platform/auth/context.ts';
import { writeAudit } from '../../platform/audit/audit.ts';
import { AppError, validation } from '../../platform/errors.ts';
import {
  checkPassword,
  describePasswordProblem,
  passwordScore,
} from '../../platform/auth/password-policy.ts';
import type { PasswordHasher } from '../../platform/auth/password-hash.ts';
import { enqueueNotification } from '../../platform/outbox/enqueue.ts';
import { issueChallenge } from '../../platform/verification/service.ts';
import { hashToken } from '../../platform/tokens.ts';
import {
  dateOfBirthLockedMessage,
  dateOfBirthPolicy,
  dateOfBirthTriesLeft,
  emailCodeMessage,
  meterScore,
  registrationStepOf,
  requireStep,
  stepNumber,
  wrongDateOfBirthMessage,
} from './rules.ts';
import { linkByTokenHash, markOpened, saveRegistration, updateInvitation } from './queries.ts';
import {
  emailChallenge,
  inLink,
  registrationActor,
  stateOf,
  type StepContext,
} from './link-context.ts';
import { createEmailStep } from './email-step.ts';
import { createPhoneStep } from './phone-step.ts';

export interface RegistrationDeps {
  db: Database;
  clock: Clock;
  publicUrl: string;
  hasher: PasswordHasher;
}

export interface AccountStepInput {
  token: string;
  email: string;
  dateOfBirth: string;
  password: string;
}

/** Patient registration from an invitation link (POLICY.md: Invitations and registration). */
export function createRegistrationService(deps: RegistrationDeps) {
  const { db, clock, publicUrl, hasher } = deps;

  /** Sends a fresh email code and one-click link (cooldown applies) inside the step's transaction. */
  async function sendEmailCode(ctx: StepContext, email: string): Promise<void> {
    const { tx, link, now } = ctx;
    const issued = await issueChallenge(
      tx,
      { ...emailChallenge(link), destination: email, withLink: true },
      now,
    );
    const verifyLink = `${publicUrl}/portal/register/${ctx.token}?verify=${issued.linkToken ?? ''}`;
    await enqueueNotification(
      tx,
      link.invitation.practiceId,
      {
        channel: 'email',
        to: email,
        ...emailCodeMessage({
          practiceName: link.practice.name,
          code: issued.code,
          link: verifyLink,
        }),
      },
      now,
      { reference: `registration:${link.invitation.id}` },
    );
  }

  /** The state of the link; the first visit marks the invitation opened. */
  async function status(token: string, meta: RequestMeta): Promise<RegistrationState> {
    return inLink({ db, clock }, token, async ({ tx, link, registration, now }) => {
      const opened = await markOpened(tx, link, now);
      await writeAudit(tx, registrationActor(link, meta, registration?.accountId ?? null), now, {
        action: opened ? 'registration.open' : 'registration.view',
        entityType: 'invitation',
        entityId: link.invitation.id,
        patientId: link.invitation.patientId,
      });
      return stateOf(tx, link, registration, now);
    });
  }

  /**
   * Step 1: date of birth, email, password, terms. Answers and works the same whether or not the
   * email has an account (no account is looked up here); may be repeated until an account is attached.
   */
  async function createAccount(
    input: AccountStepInput,
    meta: RequestMeta,
  ): Promise<RegistrationState> {
    return inLink({ db, clock }, input.token, async (ctx) => {
      const { tx, link, registration, now } = ctx;
      const step = registrationStepOf(registration);
      // Until an account is attached (verify_email), step 1 may be repeated: a typo in the
      // address, or an existing account whose password the patient does not have at hand.
      if (step !== 'verify_email') requireStep(step, 'create_account');
      const failures = registration?.dobFailures ?? 0;
      if (failures >= dateOfBirthPolicy.maxFailures) {
        throw new AppError('FORBIDDEN', dateOfBirthLockedMessage);
      }
      const problem = checkPassword(input.password, {
        email: input.email,
        practiceName: link.practice.name,
        names: [link.patient.firstName],
      });
      if (problem) {
        const message = describePasswordProblem(problem);
        throw validation(message, [{ path: 'password', message }]);
      }
      const actor = registrationActor(link, meta);
      if (input.dateOfBirth !== link.patient.dateOfBirth) {
        const dobFailures = failures + 1;
        const locked = dateOfBirthTriesLeft(dobFailures) === 0;
        await saveRegistration(
          tx,
          link,
          { dobFailures, ...(locked ? { dobLockedUntil: link.invitation.expiresAt } : {}) },
          now,
        );
        await writeAudit(tx, actor, now, {
          action: 'registration.date_of_birth',
          entityType: 'invitation',
          entityId: link.invitation.id,
          patientId: link.invitation.patientId,
          outcome: 'failure',
          details: { triesLeft: dateOfBirthTriesLeft(dobFailures) },
        });
        const message = wrongDateOfBirthMessage(dateOfBirthTriesLeft(dobFailures));
        return locked
          ? new AppError('FORBIDDEN', message)
          : validation(message, [{ path: 'dateOfBirth', message }]);
      }
      const saved = await saveRegistration(
        tx,
        link,
        {
          email: input.email,
          pendingPasswordHash: await hasher.hash(input.password),
          termsAcceptedAt: now,
          emailVerifiedAt: null,
          existingAccountId: null,
        },
        now,
      );
      await sendEmailCode(ctx, input.email);
      await updateInvitation(tx, link, { registrationStep: stepNumber('verify_email') });
      await writeAudit(tx, actor, now, {
        action: 'registration.account_step',
        entityType: 'invitation',
        entityId: link.invitation.id,
        patientId: link.invitation.patientId,
        details: { repeated: registration?.email != null },
      });
      return stateOf(tx, link, saved, now);
    });
  }

  /** Step 2: another email code (60 s / 5 per hour). */
  async function resendEmail(token: string, meta: RequestMeta): Promise<RegistrationState> {
    return inLink({ db, clock }, token, async (ctx) => {
      const { tx, link, registration, now } = ctx;
      requireStep(registrationStepOf(registration), 'verify_email');
      if (!registration?.email || registration.emailVerifiedAt) {
        throw new AppError('CONFLICT', 'Your email address is already verified.');
      }
      await sendEmailCode(ctx, registration.email);
      await writeAudit(tx, registrationActor(link, meta), now, {
        action: 'registration.email_code_sent',
        entityType: 'invitation',
        entityId: link.invitation.id,
        patientId: link.invitation.patientId,
      });
      return stateOf(tx, link, registration, now);
    });
  }

  /**
   * The live meter: the same verdict as step 1 (the practice's name and the patient's first name
   * count when the link is known; an unknown link just adds nothing, revealing nothing).
   */
  async function passwordCheck(input: {
    password: string;
    email?: string | undefined;
    token?: string | undefined;
  }): Promise<PasswordCheckResult> {
    const { token } = input;
    const link = token
      ? await db.system((tx) => linkByTokenHash(tx, hashToken(token), false))
      : null;
    const context = {
      email: input.email ?? null,
      practiceName: link?.practice.name ?? null,
      names: link ? [link.patient.firstName] : [],
    };
    const problem = checkPassword(input.password, context);
    return {
      score: meterScore(passwordScore(input.password, context), problem === null),
      acceptable: problem === null,
      reason: problem ? describePasswordProblem(problem) : null,
    };
  }

  return {
    status,
    createAccount,
    resendEmail,
    passwordCheck,
    ...createEmailStep(deps),
    ...createPhoneStep(deps),
  };
}

export type RegistrationService = ReturnType<typeof createRegistrationService>;
