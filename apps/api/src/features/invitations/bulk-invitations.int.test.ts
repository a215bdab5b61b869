import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, count, eq } from 'drizzle-orm';
import type { BulkInvitationRun } from '@portico/contracts';
import { createTestApp, type TestApp, type TestPractice } from '../../../test/harness.ts';
import { runnerOf, type JobRun } from '../../platform/outbox/job-handlers.ts';
import { jobs } from '../../platform/outbox/tables.ts';
import { auditRows, staffClient, type StaffClient } from '../patients/test-support.ts';
import { createBulkInvitationJob } from './bulk-job.ts';
import { noSkips } from './bulk-rules.ts';
import { bulkInvitationRuns, invitations } from './tables.ts';
import {
  createPatient,
  invitationMessages,
  invitationRows,
  invitationUrl,
} from './test-support.ts';
import { practices } from '../practices/tables.ts';

let t: TestApp;
const bulkUrl = '/api/practice/invitations/bulk';
const dayMs = 24 * 3_600_000;

beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => t.close());

async function freshPractice(roles: Parameters<TestApp['newPractice']>[0] = ['admin']) {
  const practice = await t.newPractice(roles);
  const admin = staffClient(t, practice.cookie);
  const jobOf = (runId: string): JobRun => ({
    id: 0,
    practiceId: practice.practiceId,
    payload: { runId, staffUserId: practice.staff.admin?.userId ?? '' },
    attempts: 0,
  });
  const step = (runId: string) => {
    const handler = t.context.jobHandlers.bulk_invitation;
    if (!handler) throw new Error('no bulk_invitation handler');
    return runnerOf(handler)(jobOf(runId));
  };
  const runToEnd = async (runId: string) => {
    for (let i = 0; i < 50; i++) if ((await step(runId)) === 'done') return;
    throw new Error('the bulk invitation job never finished');
  };
  const runOf = async (runId: string) => {
    const res = await admin.get(`${bulkUrl}/${runId}`);
    expect(res.statusCode, res.body).toBe(200);
    return res.json<BulkInvitationRun>();
  };
  const start = async (body: unknown) => {
    const res = await admin.post(bulkUrl, body);
    expect(res.statusCode, res.body).toBe(202);
    return res.json<BulkInvitationRun>();
  };
  return { practice, admin, jobOf, step, runToEnd, runOf, start };
}

async function endDate(admin: StaffClient, patientId: string) {
  const res = await admin.post(`/api/practice/patients/${patientId}/end-date`, {
    endDate: '2026-11-01',
    reason: 'Moved away',
    version: 1,
  });
  expect(res.statusCode, res.body).toBe(200);
}

async function invite(admin: StaffClient, patientId: string) {
  const res = await admin.post(invitationUrl(patientId), { channels: ['email'] });
  expect(res.statusCode, res.body).toBe(201);
}

/** Moves the patient's invitations into the past: sent 8 days ago, expired yesterday. */
async function ageInvitations(p: TestPractice, patientId: string, completed = false) {
  const now = t.clock.now().getTime();
  await t.db.system((tx) =>
    tx
      .update(invitations)
      .set({
        sentAt: new Date(now - 8 * dayMs),
        expiresAt: new Date(now - dayMs),
        ...(completed ? { completedAt: new Date(now - 7 * dayMs) } : {}),
      })
      .where(and(eq(invitations.practiceId, p.practiceId), eq(invitations.patientId, patientId))),
  );
}

const sendsTo = async (p: TestPractice, patientId: string) =>
  (await invitationRows(t, p.practiceId, patientId)).length;

describe('bulk invitations of selected patients', () => {
  it('sends to those who can be invited and says why the others were skipped, once', async () => {
    const { practice, admin, step, runToEnd, runOf, start } = await freshPractice();
    const child = await createPatient(admin, { dateOfBirth: '2018-03-01' });
    const ended = await createPatient(admin);
    await endDate(admin, ended.id);
    const unreachable = await createPatient(admin, { email: null, phone: null });
    const recent = await createPatient(admin);
    await invite(admin, recent.id);
    const registered = await createPatient(admin);
    await invite(admin, registered.id);
    await ageInvitations(practice, registered.id, true);
    const fine = [await createPatient(admin), await createPatient(admin)];
    const ids = [child, ended, unreachable, recent, registered, ...fine].map((p) => p.id);

    const queued = await start({ patientIds: ids });
    expect(queued).toMatchObject({ status: 'queued', total: 7, processed: 0, sent: 0 });
    const audits = await auditRows(t, practice.practiceId, 'invitation.bulk');
    expect(audits).toHaveLength(1);
    expect(audits[0]?.details).toEqual({ patients: 7, scope: null });

    await runToEnd(queued.id);
    const done = await runOf(queued.id);
    expect(done).toMatchObject({ status: 'completed', total: 7, processed: 7, sent: 2 });
    expect(done.skipped).toEqual({
      ...noSkips(),
      under_13: 1,
      end_dated: 1,
      no_contact: 1,
      cooldown: 1,
      registered: 1,
    });
    for (const p of fine) expect(await sendsTo(practice, p.id)).toBe(1);
    expect(await sendsTo(practice, recent.id)).toBe(1);
    expect(await sendsTo(practice, child.id)).toBe(0);

    // Running the finished job again changes nothing.
    expect(await step(queued.id)).toBe('done');
    expect(await runOf(queued.id)).toEqual(done);
    for (const p of fine) expect(await sendsTo(practice, p.id)).toBe(1);
  });

  it("refuses another practice's patients (404, nothing queued)", async () => {
    const other = await freshPractice();
    const foreign = await createPatient(other.admin);
    const { practice, admin } = await freshPractice();
    const own = await createPatient(admin);
    const res = await admin.post(bulkUrl, { patientIds: [own.id, foreign.id] });
    expect(res.statusCode, res.body).toBe(404);
    const [runs] = await t.db.system((tx) =>
      tx
        .select({ n: count() })
        .from(bulkInvitationRuns)
        .where(eq(bulkInvitationRuns.practiceId, practice.practiceId)),
    );
    expect(runs?.n).toBe(0);
    const [queuedJobs] = await t.db.system((tx) =>
      tx.select({ n: count() }).from(jobs).where(eq(jobs.practiceId, practice.practiceId)),
    );
    expect(queuedJobs?.n).toBe(0);
    expect(await sendsTo(other.practice, foreign.id)).toBe(0);
  });

  it('refuses a run for billing staff (403) and bad bodies (400)', async () => {
    const { practice, admin } = await freshPractice(['admin', 'billing']);
    const billing = staffClient(t, practice.staff.billing?.cookie ?? '');
    const patient = await createPatient(admin);
    expect((await billing.post(bulkUrl, { patientIds: [patient.id] })).statusCode).toBe(403);
    expect((await admin.post(bulkUrl, {})).statusCode).toBe(400);
    expect(
      (await admin.post(bulkUrl, { patientIds: [patient.id], scope: 'not_invited_or_expired' }))
        .statusCode,
    ).toBe(400);
    expect((await admin.post(bulkUrl, { patientIds: [] })).statusCode).toBe(400);
    expect((await admin.post(bulkUrl, { scope: 'everyone' })).statusCode).toBe(400);
  });

  it('a step that crashes part-way neither loses nor repeats a send when retried', async () => {
    const { practice, admin, jobOf, runOf, runToEnd, start } = await freshPractice();
    const patients = [];
    for (let i = 0; i < 4; i++) patients.push(await createPatient(admin));
    const run = await start({ patientIds: patients.map((p) => p.id) });

    const services = t.context.services;
    let calls = 0;
    const crashing = createBulkInvitationJob({
      db: t.db,
      clock: t.clock,
      patients: services.patients,
      practices: services.practices,
      invitations: {
        sendInTx: async (...args) => {
          calls += 1;
          if (calls === 3) throw new Error('delivery queue unavailable');
          return services.invitations.sendInTx(...args);
        },
      },
    });
    await expect(crashing.runBulkInvitationJob(jobOf(run.id))).rejects.toThrow('unavailable');

    await runToEnd(run.id);
    expect(await runOf(run.id)).toMatchObject({ status: 'completed', total: 4, sent: 4 });
    for (const p of patients) expect(await sendsTo(practice, p.id)).toBe(1);
  });
});

describe('bulk invitations of everyone not yet invited or expired', () => {
  it('invites only active patients never invited or whose invitation expired', async () => {
    const { practice, admin, runToEnd, runOf, start } = await freshPractice();
    const never = await createPatient(admin);
    const expired = await createPatient(admin);
    await invite(admin, expired.id);
    await ageInvitations(practice, expired.id);
    const invited = await createPatient(admin);
    await invite(admin, invited.id);
    const registered = await createPatient(admin);
    await invite(admin, registered.id);
    await ageInvitations(practice, registered.id, true);
    const ended = await createPatient(admin);
    await endDate(admin, ended.id);

    const run = await start({ scope: 'not_invited_or_expired' });
    expect(run).toMatchObject({ status: 'queued', scope: 'not_invited_or_expired' });
    await runToEnd(run.id);
    expect(await runOf(run.id)).toMatchObject({
      status: 'completed',
      total: 2,
      processed: 2,
      sent: 2,
      capped: false,
      skipped: noSkips(),
    });
    expect(await sendsTo(practice, never.id)).toBe(1);
    expect(await sendsTo(practice, expired.id)).toBe(2);
    expect(await sendsTo(practice, invited.id)).toBe(1);
    expect(await sendsTo(practice, registered.id)).toBe(1);
    expect(await sendsTo(practice, ended.id)).toBe(0);
  });

  it("another practice's run cannot be read (404)", async () => {
    const first = await freshPractice();
    const run = await first.start({ scope: 'not_invited_or_expired' });
    const second = await freshPractice();
    expect((await second.admin.get(`${bulkUrl}/${run.id}`)).statusCode).toBe(404);
  });
});

describe('a text message too long for the SMS limit', () => {
  it('falls back to email when on file, and otherwise skips with message_too_long', async () => {
    const { practice, admin, start, runToEnd, runOf } = await freshPractice();
    // A practice name long enough that the built-in text message passes 480 characters.
    await t.db.system((tx) =>
      tx
        .update(practices)
        .set({ name: `Riverside ${'Integrated Physical Therapy and Wellness '.repeat(12)}` })
        .where(eq(practices.id, practice.practiceId)),
    );
    const both = await createPatient(admin);
    const phoneOnly = await createPatient(admin, { email: null });
    const run = await start({ patientIds: [both.id, phoneOnly.id] });
    await runToEnd(run.id);
    expect(await runOf(run.id)).toMatchObject({
      status: 'completed',
      sent: 1,
      skipped: { ...noSkips(), message_too_long: 1 },
    });
    const messages = await invitationMessages(t, practice.practiceId);
    expect(messages.map((m) => m.channel)).toEqual(['email']);
    expect(await invitationRows(t, practice.practiceId, phoneOnly.id)).toHaveLength(0);
  });
});
