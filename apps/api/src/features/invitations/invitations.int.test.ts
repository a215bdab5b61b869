import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import type { InvitationPreview, InvitationStatus } from '@portico/contracts';
import { createTestApp, type TestApp, type TestPractice } from '../../../test/harness.ts';
import { hashToken } from '../../platform/tokens.ts';
import { outbox } from '../../platform/outbox/tables.ts';
import { invitations } from './tables.ts';
import { formatExpiry, smsSegments } from './template-rules.ts';
import { practices } from '../practices/tables.ts';
import { auditRows, staffClient, type StaffClient } from '../patients/test-support.ts';
import {
  createPatient,
  invitationMessages,
  invitationRows,
  invitationUrl,
  signIn,
  tokenIn,
} from './test-support.ts';

let t: TestApp;
let practice: TestPractice;
let admin: StaffClient;
let frontDesk: StaffClient;
let billing: StaffClient;
const both = { channels: ['email', 'sms'] };

beforeAll(async () => {
  t = await createTestApp();
  practice = await t.newPractice(['admin', 'front_desk', 'billing']);
  admin = staffClient(t, practice.cookie);
  frontDesk = staffClient(t, practice.staff.front_desk?.cookie ?? '');
  billing = staffClient(t, practice.staff.billing?.cookie ?? '');
});
afterAll(async () => t.close());

const statusOf = async (client: StaffClient, patientId: string) => {
  const res = await client.get(invitationUrl(patientId));
  expect(res.statusCode, res.body).toBe(200);
  return res.json<InvitationStatus>();
};

describe('sending an invitation', () => {
  it('a patient never invited can be invited by email and SMS', async () => {
    const patient = await createPatient(admin);
    expect(await statusOf(billing, patient.id)).toEqual({
      patientId: patient.id,
      status: 'not_invited',
      blockedReason: null,
      availableChannels: ['email', 'sms'],
      current: null,
      sendsInLast24Hours: 0,
      retryAfterSeconds: 0,
    });
  });

  it('the preview shows exactly what is sent, except the live link; only the hash of the token is stored', async () => {
    const patient = await createPatient(admin);
    const previewRes = await frontDesk.post(`${invitationUrl(patient.id)}/preview`, both);
    expect(previewRes.statusCode, previewRes.body).toBe(200);
    const preview = previewRes.json<InvitationPreview>();
    expect(preview.email).toMatchObject({
      to: 'jane.doe@example.com',
      subject: `Set up your patient portal account with Test Practice ${practice.slug}`,
    });
    expect(preview.email?.text).toContain('Hello Jane,');
    // The practice's time zone (America/New_York) and lifetime (7 days), the zone named.
    expect(preview.email?.text).toContain('November 28, 2026 at 10:00 AM Eastern Standard Time');
    expect(preview.sms).toMatchObject({ to: '(555) 201-4433' });
    expect(preview.sms?.segments).toBe(smsSegments(preview.sms?.text ?? ''));
    const placeholder =
      'http://portico.test/portal/register/PREVIEW-the-real-link-is-created-on-sending';
    expect(preview.email?.text).toContain(placeholder);
    expect(preview.sms?.text).toContain(placeholder);
    expect(await invitationRows(t, practice.practiceId, patient.id)).toHaveLength(0);

    const sent = await frontDesk.post(invitationUrl(patient.id), both);
    expect(sent.statusCode, sent.body).toBe(201);
    const status = sent.json<InvitationStatus>();
    expect(status).toMatchObject({
      status: 'invited',
      sendsInLast24Hours: 1,
      retryAfterSeconds: 60,
      current: {
        sentAt: '2026-11-21T15:00:00.000Z',
        expiresAt: '2026-11-28T15:00:00.000Z',
        channels: [
          { channel: 'email', delivery: 'queued' },
          { channel: 'sms', delivery: 'queued' },
        ],
        openedAt: null,
        registrationStep: null,
        revokedAt: null,
      },
    });

    const messages = (await invitationMessages(t, practice.practiceId)).filter(
      (m) => m.reference === `invitation:${status.current?.id}`,
    );
    expect(messages.map((m) => m.channel)).toEqual(['email', 'sms']);
    const [email, sms] = messages.map((m) => m.payload);
    const token = tokenIn(email?.text ?? '');
    expect(token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    const link = `http://portico.test/portal/register/${token}`;
    expect(email).toEqual({
      channel: 'email',
      to: preview.email?.to,
      subject: preview.email?.subject,
      text: preview.email?.text.replace(placeholder, link),
    });
    expect(sms).toEqual({
      channel: 'sms',
      to: preview.sms?.to,
      text: preview.sms?.text.replace(placeholder, link),
    });

    const [row] = await invitationRows(t, practice.practiceId, patient.id);
    expect(row?.tokenHash).toBe(hashToken(token));
    expect(JSON.stringify(row)).not.toContain(token);

    const [previewEvent] = (await auditRows(t, practice.practiceId, 'invitation.preview')).filter(
      (e) => e.patientId === patient.id,
    );
    const [sendEvent] = (await auditRows(t, practice.practiceId, 'invitation.send')).filter(
      (e) => e.patientId === patient.id,
    );
    expect(previewEvent?.details).toEqual({ channels: ['email', 'sms'] });
    expect(sendEvent).toMatchObject({
      entityId: row?.id,
      details: { invitationId: row?.id, channels: ['email', 'sms'] },
    });
    expect(JSON.stringify([previewEvent?.details, sendEvent?.details])).not.toMatch(
      /jane|example\.com|201-?4433/i,
    );
  });

  it('shows each channel delivered or failed from the outbox', async () => {
    const patient = await createPatient(admin);
    const status = (await admin.post(invitationUrl(patient.id), both)).json<InvitationStatus>();
    const reference = `invitation:${status.current?.id}`;
    const smsId = (await invitationMessages(t, practice.practiceId)).at(-1)?.id ?? 0;
    await t.db.system(async (tx) => {
      await tx.update(outbox).set({ status: 'sent' }).where(eq(outbox.reference, reference));
      await tx.update(outbox).set({ status: 'dead' }).where(eq(outbox.id, smsId));
    });
    expect((await statusOf(admin, patient.id)).current?.channels).toEqual([
      { channel: 'email', delivery: 'delivered' },
      { channel: 'sms', delivery: 'failed' },
    ]);
  });

  it('uses the chosen templates and sends only the channels asked for', async () => {
    const patient = await createPatient(admin);
    const custom = await admin.post('/api/practice/invitation-templates', {
      channel: 'sms',
      name: 'Short',
      body: '{{practice_name}}: join the portal {{patient_portal_link}}',
    });
    expect(custom.statusCode, custom.body).toBe(201);
    const smsTemplateId = custom.json<{ id: string }>().id;
    const res = await admin.post(invitationUrl(patient.id), { channels: ['sms'], smsTemplateId });
    expect(res.statusCode, res.body).toBe(201);
    const id = res.json<InvitationStatus>().current?.id;
    const messages = (await invitationMessages(t, practice.practiceId)).filter(
      (m) => m.reference === `invitation:${id}`,
    );
    expect(messages).toHaveLength(1);
    expect(messages[0]?.payload.text).toMatch(
      new RegExp(
        `^Test Practice ${practice.slug}: join the portal http://portico\\.test/portal/register/[\\w-]{43}$`,
      ),
    );
  });

  it('refuses a channel without contact data, and an unknown or mismatched template', async () => {
    const patient = await createPatient(admin, { email: null });
    expect((await statusOf(admin, patient.id)).availableChannels).toEqual(['sms']);
    const noEmail = await admin.post(invitationUrl(patient.id), both);
    expect(noEmail.statusCode).toBe(400);
    expect(noEmail.json()).toMatchObject({
      code: 'VALIDATION',
      message: 'This patient has no email address on file.',
      issues: [{ path: 'body.channels' }],
    });
    for (const smsTemplateId of ['default-email', 'nope', '00000000-0000-4000-8000-000000000000']) {
      const res = await admin.post(invitationUrl(patient.id), { channels: ['sms'], smsTemplateId });
      expect(res.statusCode).toBe(400);
      expect(res.json()).toMatchObject({ issues: [{ path: 'body.smsTemplateId' }] });
    }
    expect(await invitationRows(t, practice.practiceId, patient.id)).toHaveLength(0);
  });
});

describe("the practice's invitation lifetime", () => {
  it('sets expires_at and the {{expires_at}} text; the database keeps it within 1 hour – 30 days', async () => {
    const p = await t.newPractice(['admin']);
    const client = staffClient(t, p.cookie);
    const setLifetime = (hours: number) =>
      t.db.system((tx) =>
        tx
          .update(practices)
          .set({ invitationLifetimeHours: hours })
          .where(eq(practices.id, p.practiceId)),
      );
    for (const hours of [0, 721]) await expect(setLifetime(hours)).rejects.toThrow();
    await setLifetime(1);
    const patient = await createPatient(client);
    const res = await client.post(invitationUrl(patient.id), { channels: ['email'] });
    expect(res.statusCode, res.body).toBe(201);
    const expected = new Date(t.clock.now().getTime() + 3_600_000);
    expect(res.json<InvitationStatus>().current?.expiresAt).toBe(expected.toISOString());
    const [email] = await invitationMessages(t, p.practiceId);
    expect(email?.payload.text).toContain(formatExpiry(expected, 'America/New_York'));
  });
});

describe('who can be invited', () => {
  it('refuses an end-dated patient', async () => {
    const patient = await createPatient(admin);
    const ended = await admin.post(`/api/practice/patients/${patient.id}/end-date`, {
      endDate: '2026-11-01',
      reason: 'Moved away',
      version: 1,
    });
    expect(ended.statusCode, ended.body).toBe(200);
    expect((await statusOf(admin, patient.id)).blockedReason).toBe('end_dated');
    const res = await admin.post(invitationUrl(patient.id), both);
    expect(res.statusCode).toBe(400);
    expect(res.json()).toMatchObject({ code: 'VALIDATION', message: /end-dated/ });
    expect(await invitationRows(t, practice.practiceId, patient.id)).toHaveLength(0);
  });

  it('refuses a child under 13 (in the practice time zone) with an explanation; 13 today is allowed', async () => {
    const child = await createPatient(admin, { dateOfBirth: '2013-11-22' });
    expect((await statusOf(admin, child.id)).blockedReason).toBe('under_13');
    for (const url of [invitationUrl(child.id), `${invitationUrl(child.id)}/preview`]) {
      const res = await admin.post(url, both);
      expect(res.statusCode).toBe(400);
      expect(res.json()).toMatchObject({
        code: 'VALIDATION',
        message:
          'Portico does not create accounts for children under 13. A parent or guardian can be given access to this record instead (coming with family access).',
      });
    }
    const teen = await createPatient(admin, { dateOfBirth: '2013-11-21' });
    expect((await admin.post(invitationUrl(teen.id), both)).statusCode).toBe(201);
  });

  it('refuses a patient with no email and no phone', async () => {
    const patient = await createPatient(admin, { email: null, phone: null });
    const status = await statusOf(admin, patient.id);
    expect(status).toMatchObject({ blockedReason: 'no_contact', availableChannels: [] });
    const res = await admin.post(invitationUrl(patient.id), both);
    expect(res.statusCode).toBe(400);
  });

  it('billing may see the status but not preview, send or revoke (403)', async () => {
    const patient = await createPatient(admin);
    expect((await billing.get(invitationUrl(patient.id))).statusCode).toBe(200);
    for (const url of ['', '/preview', '/revoke'])
      expect((await billing.post(`${invitationUrl(patient.id)}${url}`, both)).statusCode).toBe(403);
    expect(await invitationRows(t, practice.practiceId, patient.id)).toHaveLength(0);
  });

  it("another practice's patient is not found (404)", async () => {
    const other = await t.newPractice(['admin']);
    const theirs = await createPatient(staffClient(t, other.cookie));
    expect((await admin.get(invitationUrl(theirs.id))).statusCode).toBe(404);
    for (const url of ['', '/preview'])
      expect((await admin.post(`${invitationUrl(theirs.id)}${url}`, both)).statusCode).toBe(404);
    expect((await admin.post(`${invitationUrl(theirs.id)}/revoke`)).statusCode).toBe(404);
    expect(await invitationRows(t, other.practiceId, theirs.id)).toHaveLength(0);
  });
});

describe('re-sending, cooldown and revoking', () => {
  it('re-sending within 60 s is refused with 429 COOLDOWN; at 60 s it supersedes the old link', async () => {
    const patient = await createPatient(admin);
    expect((await admin.post(invitationUrl(patient.id), both)).statusCode).toBe(201);
    const again = await admin.post(invitationUrl(patient.id), both);
    expect(again.statusCode).toBe(429);
    expect(again.json()).toMatchObject({ code: 'COOLDOWN', retryAfterSeconds: 60 });
    expect(again.headers['retry-after']).toBe('60');

    t.clock.advanceSeconds(45);
    expect(await statusOf(admin, patient.id)).toMatchObject({
      sendsInLast24Hours: 1,
      retryAfterSeconds: 15,
    });
    t.clock.advanceSeconds(14);
    expect((await admin.post(invitationUrl(patient.id), both)).json()).toMatchObject({
      code: 'COOLDOWN',
      retryAfterSeconds: 1,
    });
    t.clock.advanceSeconds(1);
    const resent = await admin.post(invitationUrl(patient.id), both);
    expect(resent.statusCode, resent.body).toBe(201);
    const [first, second] = await invitationRows(t, practice.practiceId, patient.id);
    expect(first?.supersededAt).not.toBeNull();
    expect(second?.supersededAt).toBeNull();
    expect(second?.tokenHash).not.toBe(first?.tokenHash);
    expect(resent.json<InvitationStatus>()).toMatchObject({
      status: 'invited',
      current: { id: second?.id },
      sendsInLast24Hours: 2,
    });
  });

  it('revokes the open invitation; nothing left to revoke is a 409', async () => {
    const patient = await createPatient(admin);
    const never = await admin.post(`${invitationUrl(patient.id)}/revoke`);
    expect(never.statusCode).toBe(409);
    await admin.post(invitationUrl(patient.id), both);
    const revoked = await frontDesk.post(`${invitationUrl(patient.id)}/revoke`);
    expect(revoked.statusCode, revoked.body).toBe(200);
    expect(revoked.json<InvitationStatus>()).toMatchObject({
      status: 'revoked',
      current: { revokedAt: t.clock.now().toISOString() },
    });
    expect((await frontDesk.post(`${invitationUrl(patient.id)}/revoke`)).statusCode).toBe(409);
    const [event] = (await auditRows(t, practice.practiceId, 'invitation.revoke')).filter(
      (e) => e.patientId === patient.id,
    );
    expect(event?.entityId).toBe(revoked.json<InvitationStatus>().current?.id);
  });

  it('an invitation past its lifetime is expired', async () => {
    const patient = await createPatient(admin);
    await admin.post(invitationUrl(patient.id), both);
    const [row] = await invitationRows(t, practice.practiceId, patient.id);
    await t.db.system((tx) =>
      tx
        .update(invitations)
        .set({ expiresAt: t.clock.now() })
        .where(eq(invitations.id, row?.id ?? '')),
    );
    expect((await statusOf(admin, patient.id)).status).toBe('expired');
    expect((await admin.post(`${invitationUrl(patient.id)}/revoke`)).statusCode).toBe(409);
  });

  // Last in this file: it moves the shared clock a day forward.
  it('allows at most 5 sends in 24 hours, then the next when the oldest leaves the window', async () => {
    const patient = await createPatient(admin);
    for (let i = 0; i < 5; i++) {
      const res = await admin.post(invitationUrl(patient.id), { channels: ['sms'] });
      expect(res.statusCode, res.body).toBe(201);
      t.clock.advanceSeconds(60);
    }
    const sixth = await admin.post(invitationUrl(patient.id), { channels: ['sms'] });
    expect(sixth.statusCode).toBe(429);
    const waitSeconds = 24 * 3600 - 5 * 60;
    expect(sixth.json()).toMatchObject({ code: 'COOLDOWN', retryAfterSeconds: waitSeconds });
    expect(await statusOf(admin, patient.id)).toMatchObject({
      sendsInLast24Hours: 5,
      retryAfterSeconds: waitSeconds,
    });
    t.clock.advanceSeconds(waitSeconds - 1);
    // A day later the session has timed out: sign in again.
    const later = staffClient(t, await signIn(t, practice.staff.admin?.email ?? ''));
    const early = await later.post(invitationUrl(patient.id), { channels: ['sms'] });
    expect(early.json()).toMatchObject({ code: 'COOLDOWN', retryAfterSeconds: 1 });
    t.clock.advanceSeconds(1);
    expect((await later.post(invitationUrl(patient.id), { channels: ['sms'] })).statusCode).toBe(
      201,
    );
    expect(await invitationRows(t, practice.practiceId, patient.id)).toHaveLength(6);
  });
});
