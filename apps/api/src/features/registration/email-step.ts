import type { RegistrationState } from '@portico/contracts';
import type { RequestMeta } from '../../platform/auth/context.ts';
import { writeAudit } from '../../platform/audit/audit.ts';
import { AppError, validation } from '../../platform/errors.ts';
import {
  afterFailedSignIn,
  afterSuccessfulSignIn,
  signInGate,
} from '../../platform/auth/sign-in-rules.ts';
import { checkChallenge } from '../../platform/verification/service.ts';
import { registrationStepOf, requireStep, stepNumber } from './rules.ts';
import {
  accountByEmail,
  createAccount,
  lockAccount,
  saveRegistration,
  updateAccount,
  updateInvitation,
} from './queries.ts';
import { emailChallenge, inLink, registrationActor, stateOf } from './link-context.ts';
import type { RegistrationDeps } from './service.ts';

export type EmailVerifyInput = { token: string } & ({ code: string } | { linkToken: string });

/** Step 2: the email code (or one-click link), then — for an existing account — its password. */
export function createEmailStep({ db, clock, hasher }: RegistrationDeps) {
  /**
   * Checks the code. The account is created now (email verified, the password chosen in step 1,
   * terms accepted); if the email already has an account, the next call is `linkAccount`.
   */
  async function verifyEmail(
    input: EmailVerifyInput,
    meta: RequestMeta,
  ): Promise<RegistrationState> {
    return inLink({ db, clock }, input.token, async ({ tx, link, registration, now }) => {
      requireStep(registrationStepOf(registration), 'verify_email');
      if (!registration?.email || registration.emailVerifiedAt) {
        throw new AppError('CONFLICT', 'Your email address is already verified.');
      }
      const proof = 'code' in input ? { code: input.code } : { linkToken: input.linkToken };
      const check = await checkChallenge(tx, { ...emailChallenge(link), ...proof }, now);
      if (!check.ok) return check.error;
      if (check.destination !== registration.email) {
        return validation('This code was sent to another address. Request a new code.', [
          { path: 'code', message: 'This code was sent to another address. Request a new code.' },
        ]);
      }
      if (!registration.pendingPasswordHash || !registration.termsAcceptedAt) {
        throw new AppError('CONFLICT', "This step isn't available yet. Create your account first.");
      }
      const entity = {
        entityType: 'invitation',
        entityId: link.invitation.id,
        patientId: link.invitation.patientId,
      };
      // An account with this email (or one created by a concurrent registration) is linked with
      // its own password instead; otherwise the account is created now.
      const found = await accountByEmail(tx, registration.email);
      const accountId = found
        ? null
        : await createAccount(
            tx,
            {
              email: registration.email,
              passwordHash: registration.pendingPasswordHash,
              termsAcceptedAt: registration.termsAcceptedAt,
            },
            now,
          );
      const existing = accountId ? null : (found ?? (await accountByEmail(tx, registration.email)));
      if (!accountId) {
        if (!existing) throw new Error('verifyEmail: the email is taken but has no account');
        const saved = await saveRegistration(
          tx,
          link,
          { emailVerifiedAt: now, existingAccountId: existing.id, pendingPasswordHash: null },
          now,
        );
        await writeAudit(tx, registrationActor(link, meta), now, {
          action: 'registration.email_verified',
          ...entity,
          details: { existingAccount: true },
        });
        return stateOf(tx, link, saved, now);
      }
      const saved = await saveRegistration(
        tx,
        link,
        { emailVerifiedAt: now, accountId, accountCreatedAt: now, pendingPasswordHash: null },
        now,
      );
      await updateInvitation(tx, link, { registrationStep: stepNumber('verify_phone') });
      await writeAudit(
        tx,
        registrationActor(link, meta, accountId),
        now,
        { action: 'registration.email_verified', ...entity, details: { existingAccount: false } },
        { action: 'portal_account.create', entityType: 'portal_account', entityId: accountId },
      );
      return stateOf(tx, link, saved, now);
    });
  }

  /**
   * Step 2, existing account: its password links this patient to it. Wrong passwords count
   * towards the account's lockout (POLICY.md: 10 in a row → 15 minutes; 100 → disabled).
   */
  async function linkAccount(
    input: { token: string; password: string },
    meta: RequestMeta,
  ): Promise<RegistrationState> {
    return inLink({ db, clock }, input.token, async ({ tx, link, registration, now }) => {
      requireStep(registrationStepOf(registration), 'verify_email');
      if (!registration?.emailVerifiedAt || !registration.existingAccountId) {
        throw new AppError('CONFLICT', "This step isn't available yet. Verify your email first.");
      }
      const account = await lockAccount(tx, registration.existingAccountId);
      if (!account) throw new AppError('CONFLICT', 'This account no longer exists.');
      const gate = signInGate(account, now);
      if (!gate.allowed) {
        throw gate.reason === 'locked'
          ? new AppError(
              'ACCOUNT_LOCKED',
              'Too many wrong passwords. Wait a few minutes, then try again.',
              { retryAfterSeconds: gate.retryAfterSeconds },
            )
          : new AppError(
              'ACCOUNT_LOCKED',
              'This account’s password is disabled after too many wrong tries. Reset your password from the sign-in page, then use this link again.',
            );
      }
      const right = account.passwordHash
        ? await hasher.verify(account.passwordHash, input.password)
        : await hasher.verifyAgainstDummy(input.password);
      const entity = {
        entityType: 'portal_account',
        entityId: account.id,
        patientId: link.invitation.patientId,
      };
      if (!right) {
        await updateAccount(tx, account.id, afterFailedSignIn(account, now));
        await writeAudit(tx, registrationActor(link, meta), now, {
          action: 'registration.link_account',
          ...entity,
          outcome: 'failure',
        });
        const message = 'That password is not right for this account.';
        return validation(message, [{ path: 'password', message }]);
      }
      await updateAccount(tx, account.id, afterSuccessfulSignIn());
      const saved = await saveRegistration(tx, link, { accountId: account.id }, now);
      await updateInvitation(tx, link, { registrationStep: stepNumber('verify_phone') });
      await writeAudit(tx, registrationActor(link, meta, account.id), now, {
        action: 'registration.link_account',
        ...entity,
      });
      return stateOf(tx, link, saved, now);
    });
  }

  return { verifyEmail, linkAccount };
}
