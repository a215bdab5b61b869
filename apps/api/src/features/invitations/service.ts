import type {
  InvitationChannel,
  InvitationPreview,
  InvitationRequest,
  InvitationStatus,
} from '@portico/contracts';
import type { Database, Tx } from '../../platform/db/database.ts';
import type { Clock } from '../../platform/clock.ts';
import type { StaffContext } from '../../platform/auth/context.ts';
import { requirePermission } from '../../platform/auth/roles.ts';
import { staffActor, writeAudit, type AuditActor } from '../../platform/audit/audit.ts';
import { AppError, validation } from '../../platform/errors.ts';
import { enqueueNotification } from '../../platform/outbox/enqueue.ts';
import { hashToken, newToken } from '../../platform/tokens.ts';
import type { PracticeService, PracticeSettings } from '../practices/service.ts';
import {
  availableChannels,
  blockedExplanation,
  blockedReason,
  cooldownDecision,
  cooldownMessage,
  cooldownWindow,
  expiresAt,
  isRevocable,
  outboxReference,
  portalStatusOf,
  type BlockedReason,
} from './rules.ts';
import {
  characterCount,
  defaultTemplateId,
  formatExpiry,
  maxSmsCharacters,
  previewLink,
  registrationLink,
  renderTemplate,
  smsSegments,
} from './template-rules.ts';
import type { InvitationTemplateService } from './template-service.ts';
import {
  currentInvitation,
  deliveryStates,
  lockCooldown,
  recentSendTimes,
  recordSend,
  revokeInvitation,
  supersedeInvitations,
} from './queries.ts';
import { invitations } from './tables.ts';
import type { PatientContactFacts, PatientService } from '../patients/service.ts';

export interface InvitationDeps {
  db: Database;
  clock: Clock;
  practices: Pick<PracticeService, 'settingsInTx'>;
  templates: Pick<InvitationTemplateService, 'templateInTx'>;
  patients: Pick<PatientService, 'contactFactsInTx'>;
  publicUrl: string;
}

/** Who a send is made by: the staff member (`sent_by`) and the audit actor. */
export interface Sender {
  practiceId: string;
  staffUserId: string;
  actor: AuditActor;
}

export type SendOutcome =
  | { outcome: 'sent'; invitationId: string; now: Date }
  | { outcome: 'blocked'; reason: BlockedReason }
  | { outcome: 'cooldown'; retryAfterSeconds: number };

/** The messages of one invitation, exactly as the patient receives them. */
interface Messages {
  email: { to: string; subject: string; text: string } | null;
  sms: { to: string; text: string; segments: number } | null;
}

export function createInvitationService({
  db,
  clock,
  practices,
  templates,
  patients,
  publicUrl,
}: InvitationDeps) {
  async function statusInTx(
    tx: Tx,
    practiceId: string,
    patient: PatientContactFacts,
    settings: PracticeSettings,
    now: Date,
  ): Promise<InvitationStatus> {
    const current = await currentInvitation(tx, practiceId, patient.id);
    const window = cooldownWindow(await recentSendTimes(tx, practiceId, patient.id, now), now);
    const status = portalStatusOf(current, now);
    return {
      patientId: patient.id,
      status,
      blockedReason: blockedReason(patient, settings.timeZone, now, status),
      availableChannels: availableChannels(patient),
      current: current && {
        id: current.id,
        sentAt: current.sentAt.toISOString(),
        expiresAt: current.expiresAt.toISOString(),
        channels: await deliveryStates(tx, practiceId, current),
        openedAt: current.openedAt?.toISOString() ?? null,
        registrationStep: current.registrationStep,
        revokedAt: current.revokedAt?.toISOString() ?? null,
      },
      sendsInLast24Hours: window.sendsInLast24Hours,
      retryAfterSeconds: window.retryAfterSeconds,
    };
  }

  /**
   * Checks the request against the patient (eligibility, channels, templates) and renders what
   * will be sent with `link`. Refuses with VALIDATION before anything is written.
   */
  async function composeInTx(
    tx: Tx,
    practiceId: string,
    patient: PatientContactFacts,
    settings: PracticeSettings,
    request: InvitationRequest,
    facts: { link: string; now: Date; expiresAt: Date },
  ): Promise<Messages> {
    const current = await currentInvitation(tx, practiceId, patient.id);
    const blocked = blockedReason(
      patient,
      settings.timeZone,
      facts.now,
      portalStatusOf(current, facts.now),
    );
    if (blocked) throw validation(blockedExplanation(blocked));
    const channels = [...new Set(request.channels)];
    for (const channel of channels) {
      if (availableChannels(patient).includes(channel)) continue;
      const message =
        channel === 'email'
          ? 'This patient has no email address on file.'
          : 'This patient has no mobile number on file.';
      throw validation(message, [{ path: 'body.channels', message }]);
    }
    const values = {
      patient_portal_link: facts.link,
      practice_name: settings.name,
      patient_first_name: patient.firstName,
      expires_at: formatExpiry(facts.expiresAt, settings.timeZone),
    };
    const render = async (channel: InvitationChannel, id: string | undefined) => {
      const template = await templates.templateInTx(
        tx,
        practiceId,
        channel,
        id ?? defaultTemplateId[channel],
      );
      return {
        subject: renderTemplate(template.subject ?? '', values),
        text: renderTemplate(template.body, values),
      };
    };
    const email =
      channels.includes('email') && patient.email
        ? { to: patient.email, ...(await render('email', request.emailTemplateId)) }
        : null;
    const smsText =
      channels.includes('sms') && patient.phone
        ? (await render('sms', request.smsTemplateId)).text
        : null;
    const sms =
      smsText !== null && patient.phone
        ? { to: patient.phone, text: smsText, segments: smsSegments(smsText) }
        : null;
    return { email, sms };
  }

  async function status(ctx: StaffContext, patientId: string): Promise<InvitationStatus> {
    requirePermission(ctx, 'patients.read');
    return db.tenantRead(ctx.practiceId, async (tx) => {
      const patient = await patients.contactFactsInTx(tx, ctx.practiceId, patientId);
      const settings = await practices.settingsInTx(tx, ctx.practiceId);
      const result = await statusInTx(tx, ctx.practiceId, patient, settings, clock.now());
      await writeAudit(tx, staffActor(ctx), clock.now(), {
        action: 'invitation.read',
        entityType: 'patient',
        entityId: patientId,
        patientId,
      });
      return result;
    });
  }

  /** Exactly what the patient would receive now, the link shown as a placeholder. */
  async function preview(
    ctx: StaffContext,
    patientId: string,
    request: InvitationRequest,
  ): Promise<InvitationPreview> {
    requirePermission(ctx, 'invitations.send');
    return db.tenantRead(ctx.practiceId, async (tx) => {
      const patient = await patients.contactFactsInTx(tx, ctx.practiceId, patientId);
      const settings = await practices.settingsInTx(tx, ctx.practiceId);
      const now = clock.now();
      const messages = await composeInTx(tx, ctx.practiceId, patient, settings, request, {
        link: previewLink(publicUrl),
        now,
        expiresAt: expiresAt(now, settings.invitationLifetimeHours),
      });
      await writeAudit(tx, staffActor(ctx), now, {
        action: 'invitation.preview',
        entityType: 'patient',
        entityId: patientId,
        patientId,
        details: { channels: channelsOf(messages) },
      });
      return messages;
    });
  }

  /**
   * The core of a send, inside the caller's tenant transaction: checks eligibility, composes the
   * messages, waits for the patient's cooldown lock, then supersedes, stores, queues and audits.
   * A blocked patient or a cooldown is an outcome (nothing written); bad input still throws.
   */
  async function sendInTx(
    tx: Tx,
    sender: Sender,
    patient: PatientContactFacts,
    settings: PracticeSettings,
    request: InvitationRequest,
  ): Promise<SendOutcome> {
    const { practiceId } = sender;
    const token = newToken();
    const requestedAt = clock.now();
    const blocked = blockedReason(
      patient,
      settings.timeZone,
      requestedAt,
      portalStatusOf(await currentInvitation(tx, practiceId, patient.id), requestedAt),
    );
    if (blocked) return { outcome: 'blocked', reason: blocked };
    const expiry = expiresAt(requestedAt, settings.invitationLifetimeHours);
    // Composed (and so validated) before waiting for the lock: bad input is refused at once.
    const messages = await composeInTx(tx, practiceId, patient, settings, request, {
      link: registrationLink(publicUrl, token),
      now: requestedAt,
      expiresAt: expiry,
    });
    if (messages.sms && characterCount(messages.sms.text) > maxSmsCharacters)
      throw validation(
        `The text message would be ${characterCount(messages.sms.text)} characters; at most ${maxSmsCharacters} can be sent. Choose a shorter template.`,
        [{ path: 'body.smsTemplateId', message: 'This template is too long for this patient.' }],
      );

    await lockCooldown(tx, practiceId, patient.id);
    // "Now" is read after the lock: a send that waited sees the time it is decided at.
    const now = clock.now();
    const decision = cooldownDecision(await recentSendTimes(tx, practiceId, patient.id, now), now);
    if (!decision.allowed)
      return { outcome: 'cooldown', retryAfterSeconds: decision.retryAfterSeconds };

    await supersedeInvitations(tx, practiceId, patient.id, now);
    const [created] = await tx
      .insert(invitations)
      .values({
        practiceId,
        patientId: patient.id,
        tokenHash: hashToken(token),
        channels: channelsOf(messages),
        sentBy: sender.staffUserId,
        sentAt: now,
        expiresAt: expiry,
      })
      .returning({ id: invitations.id });
    if (!created) throw new Error('invitation insert returned nothing');
    const reference = outboxReference(created.id);
    if (messages.email)
      await enqueueNotification(tx, practiceId, { channel: 'email', ...messages.email }, now, {
        reference,
      });
    if (messages.sms)
      await enqueueNotification(
        tx,
        practiceId,
        { channel: 'sms', to: messages.sms.to, text: messages.sms.text },
        now,
        { reference },
      );
    await recordSend(tx, practiceId, patient.id, now);
    await writeAudit(tx, sender.actor, now, {
      action: 'invitation.send',
      entityType: 'invitation',
      entityId: created.id,
      patientId: patient.id,
      details: { invitationId: created.id, channels: channelsOf(messages) },
    });
    return { outcome: 'sent', invitationId: created.id, now };
  }

  async function send(
    ctx: StaffContext,
    patientId: string,
    request: InvitationRequest,
  ): Promise<InvitationStatus> {
    requirePermission(ctx, 'invitations.send');
    return db.tenant(ctx.practiceId, async (tx) => {
      const patient = await patients.contactFactsInTx(tx, ctx.practiceId, patientId);
      const settings = await practices.settingsInTx(tx, ctx.practiceId);
      const sender = {
        practiceId: ctx.practiceId,
        staffUserId: ctx.staffUserId,
        actor: staffActor(ctx),
      };
      const result = await sendInTx(tx, sender, patient, settings, request);
      switch (result.outcome) {
        case 'blocked':
          throw validation(blockedExplanation(result.reason));
        case 'cooldown':
          throw new AppError('COOLDOWN', cooldownMessage(result.retryAfterSeconds), {
            retryAfterSeconds: result.retryAfterSeconds,
          });
        case 'sent':
          return statusInTx(tx, ctx.practiceId, patient, settings, result.now);
      }
    });
  }

  async function revoke(ctx: StaffContext, patientId: string): Promise<InvitationStatus> {
    requirePermission(ctx, 'invitations.send');
    return db.tenant(ctx.practiceId, async (tx) => {
      const patient = await patients.contactFactsInTx(tx, ctx.practiceId, patientId);
      const settings = await practices.settingsInTx(tx, ctx.practiceId);
      const now = clock.now();
      const current = await currentInvitation(tx, ctx.practiceId, patientId);
      const revoked =
        current !== null &&
        isRevocable(portalStatusOf(current, now)) &&
        (await revokeInvitation(tx, ctx.practiceId, current.id, now));
      if (!current || !revoked)
        throw new AppError('CONFLICT', 'This patient has no open invitation to revoke.');
      await writeAudit(tx, staffActor(ctx), now, {
        action: 'invitation.revoke',
        entityType: 'invitation',
        entityId: current.id,
        patientId,
        details: { invitationId: current.id },
      });
      return statusInTx(tx, ctx.practiceId, patient, settings, now);
    });
  }

  return { status, preview, send, sendInTx, revoke };
}

function channelsOf(messages: Messages): InvitationChannel[] {
  const channels: InvitationChannel[] = [];
  if (messages.email) channels.push('email');
  if (messages.sms) channels.push('sms');
  return channels;
}

export type InvitationService = ReturnType<typeof createInvitationService>;
