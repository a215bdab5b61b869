import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import type { InvitationTemplate, TemplatePreview } from '@portico/contracts';
import { createTestApp, type TestApp, type TestPractice } from '../../../test/harness.ts';
import { auditRows, staffClient, type StaffClient } from '../patients/test-support.ts';
import { invitationTemplates } from './tables.ts';

let t: TestApp;
let practice: TestPractice;
let admin: StaffClient;
let frontDesk: StaffClient;
const url = '/api/practice/invitation-templates';
const smsDraft = {
  channel: 'sms',
  name: 'Reminder',
  body: 'Hi {{patient_first_name}}, {{practice_name}} portal: {{patient_portal_link}}',
};
const emailDraft = {
  channel: 'email',
  name: 'Warm welcome',
  subject: 'Welcome to {{practice_name}}',
  body: 'Dear {{patient_first_name}},\n\nJoin us: {{patient_portal_link}} (until {{expires_at}}).',
};

beforeAll(async () => {
  t = await createTestApp();
  practice = await t.newPractice(['admin', 'front_desk']);
  admin = staffClient(t, practice.cookie);
  frontDesk = staffClient(t, practice.staff.front_desk?.cookie ?? '');
});
afterAll(async () => t.close());

const storedCount = async (practiceId: string) =>
  (
    await t.db.system((tx) =>
      tx.select().from(invitationTemplates).where(eq(invitationTemplates.practiceId, practiceId)),
    )
  ).length;

describe('invitation templates', () => {
  it('lists the two built-in templates first, then the practice’s own', async () => {
    const p = await t.newPractice(['admin']);
    const client = staffClient(t, p.cookie);
    const initial = await client.get(url);
    expect(initial.statusCode).toBe(200);
    const items = initial.json<{ items: InvitationTemplate[] }>().items;
    expect(items.map((i) => [i.id, i.channel, i.builtIn])).toEqual([
      ['default-email', 'email', true],
      ['default-sms', 'sms', true],
    ]);
    expect(items[0]?.body).toContain('{{patient_portal_link}}');
    expect(items[0]?.body).toContain('{{expires_at}}');
    const created = await client.post(url, smsDraft);
    expect(created.statusCode, created.body).toBe(201);
    const list = (await client.get(url)).json<{ items: InvitationTemplate[] }>().items;
    expect(list.map((i) => i.id)).toEqual([
      'default-email',
      'default-sms',
      created.json<InvitationTemplate>().id,
    ]);
    // Another practice does not see it.
    const other = await t.newPractice(['admin']);
    expect(
      (await staffClient(t, other.cookie).get(url)).json<{ items: unknown[] }>().items,
    ).toHaveLength(2);
  });

  it('creates and edits a template (admins only), audited', async () => {
    const created = await admin.post(url, emailDraft);
    expect(created.statusCode, created.body).toBe(201);
    const template = created.json<InvitationTemplate>();
    expect(template).toMatchObject({ ...emailDraft, builtIn: false });
    const updated = await admin.put(`${url}/${template.id}`, { ...emailDraft, name: 'Renamed' });
    expect(updated.statusCode, updated.body).toBe(200);
    expect(updated.json()).toMatchObject({ id: template.id, name: 'Renamed' });
    const events = [
      ...(await auditRows(t, practice.practiceId, 'invitation_template.create')),
      ...(await auditRows(t, practice.practiceId, 'invitation_template.update')),
    ];
    expect(events.map((e) => e.entityId)).toEqual([template.id, template.id]);

    const before = await storedCount(practice.practiceId);
    expect((await frontDesk.post(url, emailDraft)).statusCode).toBe(403);
    expect((await frontDesk.put(`${url}/${template.id}`, emailDraft)).statusCode).toBe(403);
    expect(await storedCount(practice.practiceId)).toBe(before);
  });

  it("refuses to edit a built-in template (409), an unknown or another practice's one (404)", async () => {
    const builtIn = await admin.put(`${url}/default-sms`, smsDraft);
    expect(builtIn.statusCode).toBe(409);
    expect(builtIn.json()).toMatchObject({
      code: 'CONFLICT',
      message: "Built-in templates can't be edited; create your own.",
    });
    expect((await admin.put(`${url}/not-a-template`, smsDraft)).statusCode).toBe(404);
    const other = await t.newPractice(['admin']);
    const theirs = await staffClient(t, other.cookie).post(url, smsDraft);
    const res = await admin.put(`${url}/${theirs.json<InvitationTemplate>().id}`, smsDraft);
    expect(res.statusCode).toBe(404);
  });

  it('refuses a body without the link, unknown variables, an email without subject, an SMS with one, an SMS too long', async () => {
    const before = await storedCount(practice.practiceId);
    const cases: [Record<string, unknown>, string, RegExp][] = [
      [{ ...smsDraft, body: 'Hello there' }, 'body.body', /\{\{patient_portal_link\}\}/],
      [
        { ...smsDraft, body: '{{patient_portal_link}} {{date_of_birth}}' },
        'body.body',
        /Unknown variable \{\{date_of_birth\}\}\. You can use \{\{patient_portal_link\}\}, \{\{practice_name\}\}/,
      ],
      [{ ...emailDraft, subject: null }, 'body.subject', /needs a subject/],
      [{ ...smsDraft, subject: 'Hi' }, 'body.subject', /no subject/],
      [
        { ...smsDraft, body: `{{patient_portal_link}} ${'x'.repeat(420)}` },
        'body.body',
        /at most 480 characters/,
      ],
    ];
    for (const [body, path, message] of cases) {
      const res = await admin.post(url, body);
      expect(res.statusCode, JSON.stringify(body)).toBe(400);
      expect(res.json()).toMatchObject({ code: 'VALIDATION', issues: [{ path, message }] });
    }
    expect(await storedCount(practice.practiceId)).toBe(before);
  });

  it('previews a draft with sample values: the SMS with its segment count, nothing stored', async () => {
    const before = await storedCount(practice.practiceId);
    const res = await frontDesk.post(`${url}/preview`, smsDraft);
    expect(res.statusCode, res.body).toBe(200);
    const preview = res.json<TemplatePreview>();
    expect(preview.subject).toBeNull();
    expect(preview.text).toBe(
      `Hi Alex, Test Practice ${practice.slug} portal: http://portico.test/portal/register/PREVIEW-the-real-link-is-created-on-sending`,
    );
    expect(preview).toMatchObject({ segments: 1, characters: preview.text.length });
    const email = (await admin.post(`${url}/preview`, emailDraft)).json<TemplatePreview>();
    expect(email).toMatchObject({
      subject: `Welcome to Test Practice ${practice.slug}`,
      segments: null,
    });
    expect(email.text).toContain('until November 28, 2026 at 10:00 AM Eastern Standard Time');
    expect(await storedCount(practice.practiceId)).toBe(before);
  });
});
