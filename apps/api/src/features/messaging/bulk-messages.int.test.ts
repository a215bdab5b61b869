import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { randomUUID } from 'node:crypto';
import { and, asc, eq } from 'drizzle-orm';
import type { StaffRole } from '@portico/contracts';
import { createTestApp, type TestApp, type TestPractice } from '../../../test/harness.ts';
import { runnerOf, type JobRun } from '../../platform/outbox/job-handlers.ts';
import { jobs } from '../../platform/outbox/tables.ts';
import { auditRows, staffClient, type StaffClient } from '../patients/test-support.ts';
import { createPatient } from '../invitations/test-support.ts';
import { portalAccess, portalAccounts } from '../portal-accounts/tables.ts';
import { createBulkMessageService } from './bulk-service.ts';
import { patientNoticeJob, startThreadAsStaff, type StartThreadAsStaff } from './thread-writes.ts';
import { messages, messageThreads } from './tables.ts';
import type { BulkMessageRun } from '@portico/contracts';

let t: TestApp;
const failOnce = new Set<string>();
const bulkUrl = '/api/practice/messages/bulk';

/** The real thread start, failing once for a chosen patient (a crash in the middle of a chunk). */
const startThread: StartThreadAsStaff = async (tx, input) => {
  if (failOnce.delete(input.patientId)) throw new Error('simulated crash');
  return startThreadAsStaff(tx, input);
};

beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => t.close());

/** A portal account with access to the patient's record (as registration leaves it). */
async function register(p: TestPractice, patientId: string) {
  const now = t.clock.now();
  await t.db.system(async (tx) => {
    const [account] = await tx
      .insert(portalAccounts)
      .values({
        email: `${randomUUID()}@example.com`,
        emailVerifiedAt: now,
        termsAcceptedAt: now,
        createdAt: now,
      })
      .returning({ id: portalAccounts.id });
    if (!account) throw new Error('no account');
    await tx
      .insert(portalAccess)
      .values({ practiceId: p.practiceId, patientId, accountId: account.id, createdAt: now });
  });
}

async function endDate(admin: StaffClient, patientId: string) {
  const res = await admin.post(`/api/practice/patients/${patientId}/end-date`, {
    endDate: '2026-11-01',
    reason: 'Moved away',
    version: 1,
  });
  expect(res.statusCode, res.body).toBe(200);
}

const threadsOf = (p: TestPractice, patientId: string) =>
  t.db.system((tx) =>
    tx
      .select({ id: messageThreads.id, subject: messageThreads.subject, body: messages.body })
      .from(messageThreads)
      .innerJoin(messages, eq(messages.threadId, messageThreads.id))
      .where(
        and(eq(messageThreads.practiceId, p.practiceId), eq(messageThreads.patientId, patientId)),
      )
      .orderBy(asc(messageThreads.createdAt)),
  );

async function practiceWithPatients() {
  const practice = await t.newPractice(['admin', 'front_desk', 'billing', 'clinician']);
  const admin = staffClient(t, practice.cookie);
  const registered = [
    await createPatient(admin, { firstName: 'Ann', preferredName: 'Annie' }),
    await createPatient(admin, { firstName: 'Ben' }),
    await createPatient(admin, { firstName: 'Cat' }),
  ];
  for (const p of registered) await register(practice, p.id);
  const ended = await createPatient(admin);
  await register(practice, ended.id);
  await endDate(admin, ended.id);
  const unregistered = await createPatient(admin);
  return { practice, registered, ended, unregistered };
}

const request = (patientIds: string[]) => ({
  patientIds,
  subject: 'Flu shots at {{practice.name}}',
  body: 'Hi {{patient.preferredName}}, flu shots are here. {{staff.name}}',
});

function http(p: TestPractice, role: StaffRole = 'admin') {
  const c = staffClient(t, p.staff[role]?.cookie ?? '');
  const start = async (body: unknown) => {
    const res = await c.post(bulkUrl, body);
    expect(res.statusCode, res.body).toBe(202);
    return res.json<BulkMessageRun>();
  };
  const runOf = async (id: string) => {
    const res = await c.get(`${bulkUrl}/${id}`);
    expect(res.statusCode, res.body).toBe(200);
    return res.json<BulkMessageRun>();
  };
  return { ...c, start, runOf };
}

const jobOf = (p: TestPractice, run: BulkMessageRun, role: StaffRole): JobRun => ({
  id: 0,
  practiceId: p.practiceId,
  payload: { runId: run.id, staffUserId: p.staff[role]?.userId ?? '' },
  attempts: 0,
});

const count = (run: BulkMessageRun, reason: string) =>
  run.skipped.find((s) => s.reason === reason)?.count;

describe('bulk messages', () => {
  it('sends each registered patient one thread, skips the others by reason, survives a crash', async () => {
    const { practice, registered, ended, unregistered } = await practiceWithPatients();
    const [ann, ben, cat] = registered.map((p) => p.id);
    if (!ann || !ben || !cat) throw new Error('patients missing');
    // The app's service takes 50 patients a step; this one 2, to see a run part-way.
    const bulk = createBulkMessageService({ db: t.db, clock: t.clock, startThread, chunkSize: 2 });
    const frontDesk = http(practice, 'front_desk');
    const ids = [ann, ben, ended.id, unregistered.id, randomUUID(), cat, ann];

    const queued = await frontDesk.start(request(ids));
    expect(queued).toMatchObject({ status: 'queued', total: 6, sent: 0, finishedAt: null });
    const [audit, ...more] = await auditRows(t, practice.practiceId, 'message.bulk');
    expect(more).toEqual([]);
    expect(audit?.details).toEqual({ patients: 6, requested: 7 });
    const queuedJobs = await t.db.system((tx) =>
      tx.select().from(jobs).where(eq(jobs.practiceId, practice.practiceId)),
    );
    expect(queuedJobs.filter((j) => j.kind === 'bulk_message')).toHaveLength(1);

    const step = () => runnerOf(bulk.jobHandler)(jobOf(practice, queued, 'front_desk'));
    expect(await step()).toBe('again');
    expect(await frontDesk.runOf(queued.id)).toMatchObject({ status: 'running', sent: 2 });
    expect(await step()).toBe('again');
    const second = await frontDesk.runOf(queued.id);
    expect(second.sent).toBe(2);
    expect([count(second, 'end_dated'), count(second, 'not_registered')]).toEqual([1, 1]);

    // The third chunk (unknown id, Cat) fails part-way: nothing of it is kept.
    failOnce.add(cat);
    await expect(step()).rejects.toThrow('simulated crash');
    expect(await frontDesk.runOf(queued.id)).toEqual(second);
    expect(await threadsOf(practice, cat)).toEqual([]);

    expect(await step()).toBe('done');
    const done = await frontDesk.runOf(queued.id);
    expect(done).toMatchObject({ status: 'done', total: 6, sent: 3 });
    expect(done.skipped).toEqual([
      { reason: 'not_registered', count: 1 },
      { reason: 'end_dated', count: 1 },
      { reason: 'not_found', count: 1 },
    ]);
    expect(done.finishedAt).not.toBeNull();

    // A finished run's job does nothing more.
    expect(await step()).toBe('done');
    expect(await frontDesk.runOf(queued.id)).toEqual(done);
    for (const id of [ann, ben, cat]) expect(await threadsOf(practice, id)).toHaveLength(1);
    for (const id of [ended.id, unregistered.id])
      expect(await threadsOf(practice, id)).toHaveLength(0);
    const [annThread] = await threadsOf(practice, ann);
    expect(annThread?.subject).toBe(`Flu shots at Test Practice ${practice.slug}`);
    expect(annThread?.body).toBe('Hi Annie, flu shots are here. Test front_desk');
    const [benThread] = await threadsOf(practice, ben);
    expect(benThread?.body).toBe('Hi Ben, flu shots are here. Test front_desk');
    const completed = await auditRows(t, practice.practiceId, 'message.bulk_complete');
    expect(completed[0]?.details).toMatchObject({ total: 6, sent: 3 });
  });

  it("runs through the app's job handler; two steps at once send once", async () => {
    const { practice, registered, unregistered } = await practiceWithPatients();
    const admin = http(practice);
    const run = await admin.start(request([...registered.map((p) => p.id), unregistered.id]));
    const handler = t.context.jobHandlers.bulk_message;
    if (!handler) throw new Error('no bulk_message job handler');
    const step = () => runnerOf(handler)(jobOf(practice, run, 'admin'));
    expect(await Promise.all([step(), step()])).toEqual(['done', 'done']);
    expect(await admin.runOf(run.id)).toMatchObject({ status: 'done', total: 4, sent: 3 });
    for (const p of registered) expect(await threadsOf(practice, p.id)).toHaveLength(1);
    const notices = await t.db.system((tx) =>
      tx
        .select()
        .from(jobs)
        .where(and(eq(jobs.practiceId, practice.practiceId), eq(jobs.kind, patientNoticeJob))),
    );
    expect(notices).toHaveLength(3);
    expect(await auditRows(t, practice.practiceId, 'message_thread.create')).toHaveLength(3);
  });

  it('refuses roles without the permission, unknown variables and card numbers', async () => {
    const { practice, registered } = await practiceWithPatients();
    const ids = registered.map((p) => p.id);
    for (const role of ['billing', 'clinician'] as const) {
      const res = await http(practice, role).post(bulkUrl, request(ids));
      expect(res.statusCode, role).toBe(403);
    }
    const admin = http(practice);
    const unknown = await admin.post(bulkUrl, { ...request(ids), body: 'Hi {{patient.lastName}}' });
    expect(unknown.statusCode).toBe(400);
    expect(unknown.json<{ message: string }>().message).toContain('{{patient.lastName}}');
    const card = await admin.post(bulkUrl, {
      ...request(ids),
      body: 'Pay with 4111 1111 1111 1111',
    });
    expect(card.statusCode).toBe(400);
    expect(card.json<{ issues: { path: string }[] }>().issues[0]?.path).toBe('body.body');
    expect((await admin.post(bulkUrl, request([]))).statusCode).toBe(400);
    expect((await admin.post(bulkUrl, { ...request(ids), body: '  \n ' })).statusCode).toBe(400);
    expect(await auditRows(t, practice.practiceId, 'message.bulk')).toEqual([]);
  });

  it("answers 404 for another practice's run", async () => {
    const theirs = await t.newPractice();
    const theirPatient = await createPatient(staffClient(t, theirs.cookie));
    const run = await http(theirs).start(request([theirPatient.id]));
    const mine = http(await t.newPractice());
    expect((await mine.get(`${bulkUrl}/${run.id}`)).statusCode).toBe(404);
    expect((await mine.get(`${bulkUrl}/${randomUUID()}`)).statusCode).toBe(404);
    expect((await mine.get(`${bulkUrl}/nope`)).statusCode).toBe(400);
  });
});
