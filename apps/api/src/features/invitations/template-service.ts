import { and, asc, eq } from 'drizzle-orm';
import type { z } from 'zod';
import type {
  InvitationChannel,
  InvitationTemplate,
  invitationTemplateInput,
  TemplatePreview,
} from '@portico/contracts';
import type { Database, Tx } from '../../platform/db/database.ts';
import type { Clock } from '../../platform/clock.ts';
import type { StaffContext } from '../../platform/auth/context.ts';
import { requirePermission } from '../../platform/auth/roles.ts';
import { staffActor, writeAudit } from '../../platform/audit/audit.ts';
import { AppError, notFound, validation } from '../../platform/errors.ts';
import type { PracticeService, PracticeSettings } from '../practices/service.ts';
import { expiresAt } from './rules.ts';
import {
  builtInTemplate,
  builtInTemplates,
  characterCount,
  formatExpiry,
  previewLink,
  renderTemplate,
  smsSegments,
  templateIssues,
  type TemplateValues,
} from './template-rules.ts';
import { invitationTemplates } from './tables.ts';

export type TemplateInput = z.output<typeof invitationTemplateInput>;

export interface TemplateDeps {
  db: Database;
  clock: Clock;
  practices: Pick<PracticeService, 'settingsInTx'>;
  publicUrl: string;
}

type TemplateRow = typeof invitationTemplates.$inferSelect;

const uuidPattern = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

function toTemplate(row: TemplateRow): InvitationTemplate {
  return {
    id: row.id,
    channel: row.channel,
    name: row.name,
    subject: row.subject,
    body: row.body,
    builtIn: false,
    updatedAt: row.updatedAt.toISOString(),
  };
}

/** The values a template editor's preview and checks are filled with (the practice's own name). */
export function sampleValues(
  settings: PracticeSettings,
  publicUrl: string,
  now: Date,
): TemplateValues {
  return {
    patient_portal_link: previewLink(publicUrl),
    practice_name: settings.name,
    patient_first_name: 'Alex',
    expires_at: formatExpiry(expiresAt(now, settings.invitationLifetimeHours), settings.timeZone),
  };
}

export function createInvitationTemplateService({ db, clock, practices, publicUrl }: TemplateDeps) {
  /** A template of this practice (or a built-in one) for a channel; VALIDATION when it is not one. */
  async function templateInTx(
    tx: Tx,
    practiceId: string,
    channel: InvitationChannel,
    id: string,
  ): Promise<InvitationTemplate> {
    const builtIn = builtInTemplate(id);
    const [row] =
      builtIn || !uuidPattern.test(id)
        ? []
        : await tx
            .select()
            .from(invitationTemplates)
            .where(
              and(eq(invitationTemplates.practiceId, practiceId), eq(invitationTemplates.id, id)),
            );
    const template = builtIn ?? (row ? toTemplate(row) : undefined);
    if (template?.channel === channel) return template;
    const field = channel === 'email' ? 'emailTemplateId' : 'smsTemplateId';
    const message = `Choose ${channel === 'email' ? 'an email' : 'a text message'} template of this practice.`;
    throw validation(message, [{ path: `body.${field}`, message }]);
  }

  async function list(ctx: StaffContext): Promise<{ items: InvitationTemplate[] }> {
    requirePermission(ctx, 'invitations.send');
    const rows = await db.tenantRead(ctx.practiceId, (tx) =>
      tx
        .select()
        .from(invitationTemplates)
        .where(eq(invitationTemplates.practiceId, ctx.practiceId))
        .orderBy(asc(invitationTemplates.channel), asc(invitationTemplates.name)),
    );
    return { items: [...builtInTemplates, ...rows.map(toTemplate)] };
  }

  async function checked(tx: Tx, practiceId: string, input: TemplateInput): Promise<void> {
    const settings = await practices.settingsInTx(tx, practiceId);
    const issues = templateIssues(input, sampleValues(settings, publicUrl, clock.now()));
    if (issues.length > 0)
      throw validation(issues[0]?.message ?? 'This template cannot be saved.', issues);
  }

  async function create(ctx: StaffContext, input: TemplateInput): Promise<InvitationTemplate> {
    requirePermission(ctx, 'invitations.templates');
    return db.tenant(ctx.practiceId, async (tx) => {
      await checked(tx, ctx.practiceId, input);
      const now = clock.now();
      const [row] = await tx
        .insert(invitationTemplates)
        .values({
          practiceId: ctx.practiceId,
          channel: input.channel,
          name: input.name,
          subject: input.subject ?? null,
          body: input.body,
          createdAt: now,
          updatedAt: now,
        })
        .returning();
      if (!row) throw new Error('template insert returned nothing');
      await writeAudit(tx, staffActor(ctx), now, {
        action: 'invitation_template.create',
        entityType: 'invitation_template',
        entityId: row.id,
        details: { channel: row.channel },
      });
      return toTemplate(row);
    });
  }

  async function update(
    ctx: StaffContext,
    id: string,
    input: TemplateInput,
  ): Promise<InvitationTemplate> {
    requirePermission(ctx, 'invitations.templates');
    if (builtInTemplate(id))
      throw new AppError('CONFLICT', "Built-in templates can't be edited; create your own.");
    if (!uuidPattern.test(id)) throw notFound('Template');
    return db.tenant(ctx.practiceId, async (tx) => {
      await checked(tx, ctx.practiceId, input);
      const now = clock.now();
      const [row] = await tx
        .update(invitationTemplates)
        .set({
          channel: input.channel,
          name: input.name,
          subject: input.subject ?? null,
          body: input.body,
          updatedAt: now,
        })
        .where(
          and(eq(invitationTemplates.practiceId, ctx.practiceId), eq(invitationTemplates.id, id)),
        )
        .returning();
      if (!row) throw notFound('Template');
      await writeAudit(tx, staffActor(ctx), now, {
        action: 'invitation_template.update',
        entityType: 'invitation_template',
        entityId: row.id,
        details: { channel: row.channel },
      });
      return toTemplate(row);
    });
  }

  /** A draft filled with sample values, as the editor shows it while typing (nothing stored). */
  async function preview(ctx: StaffContext, input: TemplateInput): Promise<TemplatePreview> {
    requirePermission(ctx, 'invitations.send');
    const settings = await db.tenantRead(ctx.practiceId, (tx) =>
      practices.settingsInTx(tx, ctx.practiceId),
    );
    const values = sampleValues(settings, publicUrl, clock.now());
    const text = renderTemplate(input.body, values);
    return {
      subject:
        input.channel === 'email' && input.subject ? renderTemplate(input.subject, values) : null,
      text,
      segments: input.channel === 'sms' ? smsSegments(text) : null,
      characters: characterCount(text),
    };
  }

  return { list, create, update, preview, templateInTx };
}

export type InvitationTemplateService = ReturnType<typeof createInvitationTemplateService>;
