import type { RegistrationState } from '@portico/contracts';
import type { RequestMeta } from '../../platform/auth/context.ts';
import { writeAudit } from '../../platform/audit/audit.ts';
import { AppError, validation } from '../../platform/errors.ts';
import { enqueueNotification } from '../../platform/outbox/enqueue.ts';
import { checkChallenge, issueChallenge } from '../../platform/verification/service.ts';
import { openPortalSession } from '../portal-accounts/sessions.ts';
import { secondFactorMethodsOf } from '../mfa/queries.ts';
import { phoneCodeMessage, registrationStepOf, requireStep, stepNumber } from './rules.ts';
import {
  grantSelfAccess,
  hasSelfAccess,
  lockAccount,
  saveRegistration,
  updateAccount,
  updateInvitation,
} from './queries.ts';
import { inLink, phoneChallenge, registrationActor, stateOf } from './link-context.ts';
import type { RegistrationDeps } from './service.ts';

export interface PhoneSendInput {
  token: string;
  phone?: string | undefined;
  channel: 'sms' | 'voice';
}

/** Step 3: a code by text or voice call to the number on file or a new one; then completion. */
export function createPhoneStep({ db, clock }: RegistrationDeps) {
  async function sendPhoneCode(
    input: PhoneSendInput,
    meta: RequestMeta,
  ): Promise<RegistrationState> {
    return inLink({ db, clock }, input.token, async ({ tx, link, registration, now }) => {
      requireStep(registrationStepOf(registration), 'verify_phone');
      const phone = input.phone ?? link.patient.phone;
      if (!phone) {
        const message = 'There is no mobile number on file. Enter the number to send the code to.';
        throw validation(message, [{ path: 'phone', message }]);
      }
      const issued = await issueChallenge(tx, { ...phoneChallenge(link), destination: phone }, now);
      const saved = await saveRegistration(tx, link, { phone }, now);
      await enqueueNotification(
        tx,
        link.invitation.practiceId,
        {
          channel: 'sms',
          to: phone,
          text: phoneCodeMessage(issued.code, input.channel),
          ...(input.channel === 'voice' ? { voice: true } : {}),
        },
        now,
        { reference: `registration:${link.invitation.id}` },
      );
      await writeAudit(tx, registrationActor(link, meta, saved.accountId), now, {
        action: 'registration.phone_code_sent',
        entityType: 'invitation',
        entityId: link.invitation.id,
        patientId: link.invitation.patientId,
        details: { channel: input.channel, numberOnFile: input.phone === undefined },
      });
      return stateOf(tx, link, saved, now);
    });
  }

  /**
   * Checks the phone code and completes the registration in one transaction: the account's
   * verified phone, the patient's `self` access, the link dies, and a portal session opens.
   */
  async function verifyPhone(
    input: { token: string; code: string },
    meta: RequestMeta,
  ): Promise<{ state: RegistrationState; sessionToken: string | null }> {
    return inLink({ db, clock }, input.token, async ({ tx, link, registration, now }) => {
      requireStep(registrationStepOf(registration), 'verify_phone');
      const accountId = registration?.accountId;
      if (!accountId) throw new AppError('CONFLICT', "This step isn't available yet.");
      const check = await checkChallenge(tx, { ...phoneChallenge(link), code: input.code }, now);
      if (!check.ok) return check.error;
      const { practiceId, patientId } = link.invitation;
      if (await hasSelfAccess(tx, practiceId, patientId)) {
        throw new AppError(
          'CONFLICT',
          'This patient record is already linked to a portal account. Sign in, or contact the practice.',
        );
      }
      // An existing account (linked at step 2) keeps its own verified phone: it is where its SMS
      // second factor goes, and changing it needs a signed-in, re-authenticated person.
      const account = await lockAccount(tx, accountId);
      if (!account?.phoneVerifiedAt) {
        await updateAccount(tx, accountId, { phone: check.destination, phoneVerifiedAt: now });
      }
      await grantSelfAccess(tx, { practiceId, patientId, accountId }, now);
      await updateInvitation(tx, link, {
        registrationStep: stepNumber('complete'),
        completedAt: now,
      });
      const saved = await saveRegistration(
        tx,
        link,
        { phone: check.destination, phoneVerifiedAt: now, completedAt: now },
        now,
      );
      // Registration proves the email, the phone and the password, not the account's second
      // factor: an account that has one (linked at step 2) signs in normally instead.
      const session =
        (await secondFactorMethodsOf(tx, 'portal', accountId)).length > 0
          ? null
          : await openPortalSession(
              tx,
              { accountId, practiceId, patientId, method: 'registration', mfaPending: false, meta },
              now,
            );
      await writeAudit(
        tx,
        registrationActor(link, meta, accountId),
        now,
        {
          action: 'registration.complete',
          entityType: 'invitation',
          entityId: link.invitation.id,
          patientId,
        },
        {
          action: 'portal_access.grant',
          entityType: 'portal_account',
          entityId: accountId,
          patientId,
          details: { relationship: 'self' },
        },
        ...(session
          ? [
              {
                action: 'portal.sign_in',
                entityType: 'portal_session',
                entityId: session.sessionId,
              },
            ]
          : []),
      );
      return { state: await stateOf(tx, link, saved, now), sessionToken: session?.token ?? null };
    });
  }

  return { sendPhoneCode, verifyPhone };
}
