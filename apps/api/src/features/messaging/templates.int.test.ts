import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { randomUUID } from 'node:crypto';
import { eq } from 'drizzle-orm';
import type { MessageTemplate } from '@portico/contracts';
import { createTestApp, type TestApp, type TestPractice } from '../../../test/harness.ts';
import { auditRows, staffClient, type StaffClient } from '../patients/test-support.ts';
import { createPatient } from '../invitations/test-support.ts';
import { practices } from '../practices/tables.ts';

let t: TestApp;
const url = '/api/practice/message-templates';
const draft = {
  name: 'Lab results',
  subject: 'Your results from {{practice.name}}',
  body: 'Hi {{patient.preferredName}} ({{patient.firstName}}), call {{practice.phone}}. {{staff.name}}',
};

beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => t.close());

/** A staff client of one role, with DELETE as well. */
function client(p: TestPractice, role: keyof TestPractice['staff'] = 'admin') {
  const cookie = p.staff[role]?.cookie ?? '';
  const remove = (path: string) =>
    t.fastify.inject({ method: 'DELETE', url: path, headers: { cookie } });
  return { ...staffClient(t, cookie), remove };
}

async function created(admin: StaffClient, body: unknown = draft): Promise<MessageTemplate> {
  const res = await admin.post(url, body);
  expect(res.statusCode, res.body).toBe(201);
  return res.json<MessageTemplate>();
}

const names = async (c: StaffClient) => {
  const res = await c.get(url);
  expect(res.statusCode, res.body).toBe(200);
  return res.json<{ items: MessageTemplate[] }>().items.map((i) => i.name);
};

describe('message templates', () => {
  it('admins create, change, list and delete them; each change is audited', async () => {
    const p = await t.newPractice(['admin', 'clinician']);
    const admin = client(p);
    const template = await created(admin);
    expect(template).toMatchObject(draft);
    const second = await created(admin, { ...draft, name: 'Appointment reminder' });
    const put = await admin.put(`${url}/${template.id}`, { ...draft, body: 'Changed' });
    expect(put.statusCode, put.body).toBe(200);
    expect(put.json<MessageTemplate>().body).toBe('Changed');
    expect(await names(client(p, 'clinician'))).toEqual(['Appointment reminder', 'Lab results']);
    const del = await admin.remove(`${url}/${second.id}`);
    expect(del.statusCode, del.body).toBe(200);
    expect(await names(admin)).toEqual(['Lab results']);
    expect((await admin.remove(`${url}/${second.id}`)).statusCode).toBe(404);
    for (const action of ['create', 'update', 'delete']) {
      const rows = await auditRows(t, p.practiceId, `message_template.${action}`);
      expect(rows.length, action).toBeGreaterThan(0);
    }
  });

  it('refuses changes from other roles than admins (403); everyone may list', async () => {
    const p = await t.newPractice(['admin', 'front_desk', 'clinician', 'billing']);
    const template = await created(client(p));
    for (const role of ['front_desk', 'clinician', 'billing'] as const) {
      const c = client(p, role);
      expect((await c.post(url, draft)).statusCode, role).toBe(403);
      expect((await c.put(`${url}/${template.id}`, draft)).statusCode, role).toBe(403);
      expect((await c.remove(`${url}/${template.id}`)).statusCode, role).toBe(403);
      expect(await names(c)).toEqual(['Lab results']);
    }
  });

  it('refuses unknown variables at save (400, naming them) and stores nothing', async () => {
    const p = await t.newPractice();
    const admin = client(p);
    const res = await admin.post(url, { ...draft, body: 'Hi {{patient.lastName}} {{ dob }}' });
    expect(res.statusCode).toBe(400);
    const error = res.json<{ code: string; message: string; issues: { path: string }[] }>();
    expect(error.code).toBe('VALIDATION');
    expect(error.message).toContain('{{patient.lastName}}, {{dob}}');
    expect(error.issues[0]?.path).toBe('body.body');
    const subject = await admin.post(url, { ...draft, subject: '{{x}}' });
    expect(subject.json<{ issues: { path: string }[] }>().issues[0]?.path).toBe('body.subject');
    expect(await names(admin)).toEqual([]);
    const kept = await created(admin);
    expect((await admin.put(`${url}/${kept.id}`, { ...draft, body: '{{nope}}' })).statusCode).toBe(
      400,
    );
    const [stored] = (await admin.get(url)).json<{ items: MessageTemplate[] }>().items;
    expect(stored?.body).toBe(draft.body);
    expect((await admin.post(url, { ...draft, extra: 1 })).statusCode).toBe(400);
  });

  it("renders a template with a patient's values for any staff role and audits the PHI read", async () => {
    const p = await t.newPractice(['admin', 'front_desk']);
    await t.db.system((tx) =>
      tx.update(practices).set({ phone: '555-0100' }).where(eq(practices.id, p.practiceId)),
    );
    const admin = client(p);
    const jane = await createPatient(admin, { preferredName: 'Janie' });
    const bob = await createPatient(admin, { firstName: 'Bob', preferredName: null });
    const template = await created(admin);
    const frontDesk = client(p, 'front_desk');
    const res = await frontDesk.post(`${url}/render`, {
      templateId: template.id,
      patientId: jane.id,
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toEqual({
      subject: `Your results from Test Practice ${p.slug}`,
      body: 'Hi Janie (Jane), call 555-0100. Test front_desk',
    });
    const forBob = await frontDesk.post(`${url}/render`, {
      templateId: template.id,
      patientId: bob.id,
    });
    expect(forBob.json<{ body: string }>().body).toBe(
      'Hi Bob (Bob), call 555-0100. Test front_desk',
    );
    const audits = await auditRows(t, p.practiceId, 'message_template.render');
    expect(audits.map((a) => a.patientId)).toEqual([jane.id, bob.id]);
    expect(audits[0]).toMatchObject({
      actorId: p.staff.front_desk?.userId,
      entityId: template.id,
    });
  });

  it("answers 404 for another practice's template or patient, and for unknown ids", async () => {
    const mine = await t.newPractice();
    const theirs = await t.newPractice();
    const me = client(mine);
    const them = client(theirs);
    const theirTemplate = await created(them);
    const theirPatient = await createPatient(them);
    const myTemplate = await created(me);
    const myPatient = await createPatient(me);
    const render = (templateId: string, patientId: string) =>
      me.post(`${url}/render`, { templateId, patientId });
    expect((await me.put(`${url}/${theirTemplate.id}`, draft)).statusCode).toBe(404);
    expect((await me.remove(`${url}/${theirTemplate.id}`)).statusCode).toBe(404);
    expect((await render(theirTemplate.id, myPatient.id)).statusCode).toBe(404);
    expect((await render(myTemplate.id, theirPatient.id)).statusCode).toBe(404);
    expect((await me.put(`${url}/${randomUUID()}`, draft)).statusCode).toBe(404);
    expect((await me.put(`${url}/not-a-uuid`, draft)).statusCode).toBe(400);
    expect(await auditRows(t, mine.practiceId, 'message_template.render')).toEqual([]);
    expect(await names(them)).toEqual(['Lab results']);
    expect((await them.get(url)).json<{ items: MessageTemplate[] }>().items[0]?.body).toBe(
      draft.body,
    );
  });
});
