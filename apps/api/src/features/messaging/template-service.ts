import { and, asc, eq } from 'drizzle-orm';
import type { z } from 'zod';
import type { MessageTemplate, messageTemplateInput } from '@portico/contracts';
import type { Database, Tx } from '../../platform/db/database.ts';
import type { Clock } from '../../platform/clock.ts';
import type { StaffContext } from '../../platform/auth/context.ts';
import { requirePermission } from '../../platform/auth/roles.ts';
import { staffActor, writeAudit } from '../../platform/audit/audit.ts';
import { notFound, validation } from '../../platform/errors.ts';
import type { PracticeService } from '../practices/service.ts';
import { practices as practiceRows } from '../practices/tables.ts';
import { staffUsers } from '../staff-auth/tables.ts';
import { patientBriefInTx } from '../patients/lookups.ts';
import {
  messageTemplateIssues,
  messageValuesFor,
  renderMessageTemplate,
  type MessageValues,
} from './template-rules.ts';
import { messageTemplates } from './tables.ts';

export type MessageTemplateInput = z.output<typeof messageTemplateInput>;

export interface MessageTemplateDeps {
  db: Database;
  clock: Clock;
  practices: Pick<PracticeService, 'settingsInTx'>;
}

type TemplateRow = typeof messageTemplates.$inferSelect;

const uuidPattern = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

function toTemplate(row: TemplateRow): MessageTemplate {
  return {
    id: row.id,
    name: row.name,
    subject: row.subject,
    body: row.body,
    updatedAt: row.updatedAt.toISOString(),
  };
}

/** VALIDATION naming every unknown variable of a template or bulk message text. */
export function checkMessageVariables(draft: { subject: string; body: string }): void {
  const issues = messageTemplateIssues(draft);
  if (issues.length > 0)
    throw validation(issues[0]?.message ?? 'This text has unknown variables.', issues);
}

/**
 * The practice's phone (shown publicly on its portal page, not PHI). `portico_app` has no grant on
 * `practices.phone`, so it is read as the system, before (never inside) a tenant transaction.
 */
export async function practicePhone(db: Database, practiceId: string): Promise<string | null> {
  const [row] = await db.system((tx) =>
    tx
      .select({ phone: practiceRows.phone })
      .from(practiceRows)
      .where(eq(practiceRows.id, practiceId)),
  );
  return row?.phone ?? null;
}

/** A staff member's display name, inside the caller's tenant transaction (granted column). */
export async function staffNameInTx(tx: Tx, staffUserId: string): Promise<string> {
  const [row] = await tx
    .select({ name: staffUsers.displayName })
    .from(staffUsers)
    .where(eq(staffUsers.id, staffUserId));
  return row?.name ?? '';
}

export function createMessageTemplateService({ db, clock, practices }: MessageTemplateDeps) {
  const templateWhere = (practiceId: string, id: string) =>
    and(eq(messageTemplates.practiceId, practiceId), eq(messageTemplates.id, id));

  async function list(ctx: StaffContext): Promise<{ items: MessageTemplate[] }> {
    const rows = await db.tenantRead(ctx.practiceId, (tx) =>
      tx
        .select()
        .from(messageTemplates)
        .where(eq(messageTemplates.practiceId, ctx.practiceId))
        .orderBy(asc(messageTemplates.name), asc(messageTemplates.id)),
    );
    return { items: rows.map(toTemplate) };
  }

  async function create(ctx: StaffContext, input: MessageTemplateInput): Promise<MessageTemplate> {
    requirePermission(ctx, 'settings.write');
    checkMessageVariables(input);
    return db.tenant(ctx.practiceId, async (tx) => {
      const now = clock.now();
      const [row] = await tx
        .insert(messageTemplates)
        .values({ practiceId: ctx.practiceId, ...input, createdAt: now, updatedAt: now })
        .returning();
      if (!row) throw new Error('message template insert returned nothing');
      await writeAudit(tx, staffActor(ctx), now, {
        action: 'message_template.create',
        entityType: 'message_template',
        entityId: row.id,
      });
      return toTemplate(row);
    });
  }

  async function update(
    ctx: StaffContext,
    id: string,
    input: MessageTemplateInput,
  ): Promise<MessageTemplate> {
    requirePermission(ctx, 'settings.write');
    if (!uuidPattern.test(id)) throw notFound('Message template');
    checkMessageVariables(input);
    return db.tenant(ctx.practiceId, async (tx) => {
      const now = clock.now();
      const [row] = await tx
        .update(messageTemplates)
        .set({ ...input, updatedAt: now })
        .where(templateWhere(ctx.practiceId, id))
        .returning();
      if (!row) throw notFound('Message template');
      await writeAudit(tx, staffActor(ctx), now, {
        action: 'message_template.update',
        entityType: 'message_template',
        entityId: row.id,
      });
      return toTemplate(row);
    });
  }

  async function remove(ctx: StaffContext, id: string): Promise<void> {
    requirePermission(ctx, 'settings.write');
    if (!uuidPattern.test(id)) throw notFound('Message template');
    await db.tenant(ctx.practiceId, async (tx) => {
      const deleted = await tx
        .delete(messageTemplates)
        .where(templateWhere(ctx.practiceId, id))
        .returning({ id: messageTemplates.id });
      if (deleted.length === 0) throw notFound('Message template');
      await writeAudit(tx, staffActor(ctx), clock.now(), {
        action: 'message_template.delete',
        entityType: 'message_template',
        entityId: id,
      });
    });
  }

  /** A template filled with one patient's values: a PHI read, audited with the patient. */
  async function render(
    ctx: StaffContext,
    input: { templateId: string; patientId: string },
  ): Promise<{ subject: string; body: string }> {
    requirePermission(ctx, 'patients.read');
    const phone = await practicePhone(db, ctx.practiceId);
    return db.tenant(ctx.practiceId, async (tx) => {
      const [template] = await tx
        .select()
        .from(messageTemplates)
        .where(templateWhere(ctx.practiceId, input.templateId));
      if (!template) throw notFound('Message template');
      const patient = await patientBriefInTx(tx, ctx.practiceId, input.patientId);
      if (!patient) throw notFound('Patient');
      const settings = await practices.settingsInTx(tx, ctx.practiceId);
      const values: MessageValues = messageValuesFor({
        patient,
        practice: { name: settings.name, phone },
        staff: { name: await staffNameInTx(tx, ctx.staffUserId) },
      });
      await writeAudit(tx, staffActor(ctx), clock.now(), {
        action: 'message_template.render',
        entityType: 'message_template',
        entityId: template.id,
        patientId: input.patientId,
      });
      return {
        subject: renderMessageTemplate(template.subject, values),
        body: renderMessageTemplate(template.body, values),
      };
    });
  }

  return { list, create, update, remove, render };
}

export type MessageTemplateService = ReturnType<typeof createMessageTemplateService>;
