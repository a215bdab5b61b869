import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { randomUUID } from 'node:crypto';
import { eq } from 'drizzle-orm';
import type { StaffRole } from '@portico/contracts';
import { createTestApp, type TestApp, type TestPractice } from '../../../test/harness.ts';
import { systemMeta, type StaffContext } from '../../platform/auth/context.ts';
import { AppError } from '../../platform/errors.ts';
import { auditRows, staffClient } from '../patients/test-support.ts';
import { createPatient } from '../invitations/test-support.ts';
import { practices } from '../practices/tables.ts';
import { createMessageTemplateService, type MessageTemplateService } from './template-service.ts';

// The routes are not registered in app.ts yet: the service is exercised directly, with the
// permission checks it makes itself. Switch to HTTP (createTestApp) once they are wired.

let t: TestApp;
let practice: TestPractice;
let templates: MessageTemplateService;

const draft = {
  name: 'Lab results',
  subject: 'Your results from {{practice.name}}',
  body: 'Hi {{patient.preferredName}} ({{patient.firstName}}), call {{practice.phone}}. {{staff.name}}',
};

function ctxOf(p: TestPractice, role: StaffRole): StaffContext {
  const member = p.staff[role];
  if (!member) throw new Error(`no ${role} in the practice`);
  return {
    kind: 'staff',
    practiceId: p.practiceId,
    staffUserId: member.userId,
    role,
    sessionId: randomUUID(),
    meta: systemMeta,
  };
}

async function refusal(promise: Promise<unknown>): Promise<AppError> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  if (!(error instanceof AppError)) throw new Error(`expected an AppError, got ${String(error)}`);
  return error;
}

beforeAll(async () => {
  t = await createTestApp();
  templates = createMessageTemplateService({
    db: t.db,
    clock: t.clock,
    practices: t.context.services.practices,
  });
  practice = await t.newPractice(['admin', 'front_desk', 'clinician']);
});
afterAll(async () => t.close());

describe('message templates', () => {
  it('admins create, change, list and delete them; each change is audited', async () => {
    const admin = ctxOf(practice, 'admin');
    const created = await templates.create(admin, draft);
    expect(created).toMatchObject(draft);
    const second = await templates.create(admin, { ...draft, name: 'Appointment reminder' });
    const changed = await templates.update(admin, created.id, { ...draft, body: 'Changed' });
    expect(changed.body).toBe('Changed');
    const listed = await templates.list(ctxOf(practice, 'clinician'));
    expect(listed.items.map((i) => i.name)).toEqual(['Appointment reminder', 'Lab results']);
    await templates.remove(admin, second.id);
    expect((await templates.list(admin)).items.map((i) => i.id)).toEqual([created.id]);
    for (const action of ['create', 'update', 'delete']) {
      const rows = await auditRows(t, practice.practiceId, `message_template.${action}`);
      expect(rows.length, action).toBeGreaterThan(0);
    }
    expect(await refusal(templates.remove(admin, second.id))).toMatchObject({ code: 'NOT_FOUND' });
  });

  it('refuses other roles than admins for changes (everyone may list)', async () => {
    for (const role of ['front_desk', 'clinician'] as const) {
      const ctx = ctxOf(practice, role);
      expect(await refusal(templates.create(ctx, draft))).toMatchObject({ code: 'FORBIDDEN' });
      const [some] = (await templates.list(ctx)).items;
      if (!some) throw new Error('no template to try');
      expect(await refusal(templates.update(ctx, some.id, draft))).toMatchObject({
        code: 'FORBIDDEN',
      });
      expect(await refusal(templates.remove(ctx, some.id))).toMatchObject({ code: 'FORBIDDEN' });
    }
  });

  it('refuses unknown variables at save, naming them, and stores nothing', async () => {
    const p = await t.newPractice();
    const admin = ctxOf(p, 'admin');
    const error = await refusal(
      templates.create(admin, { ...draft, body: 'Hi {{patient.lastName}} {{ dob }}' }),
    );
    expect(error.code).toBe('VALIDATION');
    expect(error.message).toContain('{{patient.lastName}}, {{dob}}');
    expect(error.details.issues?.[0]?.path).toBe('body.body');
    const subject = await refusal(templates.create(admin, { ...draft, subject: '{{x}}' }));
    expect(subject.details.issues?.[0]?.path).toBe('body.subject');
    expect((await templates.list(admin)).items).toEqual([]);
    const kept = await templates.create(admin, draft);
    expect(
      (await refusal(templates.update(admin, kept.id, { ...draft, body: '{{nope}}' }))).code,
    ).toBe('VALIDATION');
    expect((await templates.list(admin)).items[0]?.body).toBe(draft.body);
  });

  it("renders a template with a patient's values and audits the PHI read", async () => {
    const p = await t.newPractice(['admin', 'front_desk']);
    await t.db.system((tx) =>
      tx.update(practices).set({ phone: '555-0100' }).where(eq(practices.id, p.practiceId)),
    );
    const client = staffClient(t, p.cookie);
    const jane = await createPatient(client, { preferredName: 'Janie' });
    const bob = await createPatient(client, { firstName: 'Bob', preferredName: null });
    const template = await templates.create(ctxOf(p, 'admin'), draft);
    const frontDesk = ctxOf(p, 'front_desk');
    const rendered = await templates.render(frontDesk, {
      templateId: template.id,
      patientId: jane.id,
    });
    expect(rendered).toEqual({
      subject: `Your results from Test Practice ${p.slug}`,
      body: 'Hi Janie (Jane), call 555-0100. Test front_desk',
    });
    const forBob = await templates.render(frontDesk, {
      templateId: template.id,
      patientId: bob.id,
    });
    expect(forBob.body).toBe('Hi Bob (Bob), call 555-0100. Test front_desk');
    const audits = await auditRows(t, p.practiceId, 'message_template.render');
    expect(audits.map((a) => a.patientId)).toEqual([jane.id, bob.id]);
    expect(audits[0]).toMatchObject({ actorId: frontDesk.staffUserId, entityId: template.id });
  });

  it("answers 404 for another practice's template or patient, and for unknown ids", async () => {
    const mine = await t.newPractice();
    const theirs = await t.newPractice();
    const mineCtx = ctxOf(mine, 'admin');
    const theirTemplate = await templates.create(ctxOf(theirs, 'admin'), draft);
    const theirPatient = await createPatient(staffClient(t, theirs.cookie));
    const myTemplate = await templates.create(mineCtx, draft);
    const myPatient = await createPatient(staffClient(t, mine.cookie));
    const notFound = { code: 'NOT_FOUND' };
    expect(await refusal(templates.update(mineCtx, theirTemplate.id, draft))).toMatchObject(
      notFound,
    );
    expect(await refusal(templates.remove(mineCtx, theirTemplate.id))).toMatchObject(notFound);
    expect(
      await refusal(
        templates.render(mineCtx, { templateId: theirTemplate.id, patientId: myPatient.id }),
      ),
    ).toMatchObject(notFound);
    expect(
      await refusal(
        templates.render(mineCtx, { templateId: myTemplate.id, patientId: theirPatient.id }),
      ),
    ).toMatchObject(notFound);
    expect(await refusal(templates.update(mineCtx, randomUUID(), draft))).toMatchObject(notFound);
    expect((await templates.list(mineCtx)).items.map((i) => i.id)).toEqual([myTemplate.id]);
    expect(await auditRows(t, mine.practiceId, 'message_template.render')).toEqual([]);
    const [stillThere] = (await templates.list(ctxOf(theirs, 'admin'))).items;
    expect(stillThere?.id).toBe(theirTemplate.id);
  });
});
