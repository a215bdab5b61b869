import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { randomUUID } from 'node:crypto';
import { and, asc, eq } from 'drizzle-orm';
import type { StaffRole } from '@portico/contracts';
import { createTestApp, type TestApp, type TestPractice } from '../../../test/harness.ts';
import { systemMeta, type StaffContext } from '../../platform/auth/context.ts';
import { AppError } from '../../platform/errors.ts';
import { runnerOf, type JobRun } from '../../platform/outbox/job-handlers.ts';
import { jobs } from '../../platform/outbox/tables.ts';
import { auditRows, staffClient, type StaffClient } from '../patients/test-support.ts';
import { createPatient } from '../invitations/test-support.ts';
import { portalAccess, portalAccounts } from '../portal-accounts/tables.ts';
import { createBulkMessageService, type StartThreadAsStaff } from './bulk-service.ts';
import { messages, messageThreads } from './tables.ts';

// The routes are not registered in app.ts yet: the service and its job handler are exercised
// directly. `startThread` is a stand-in writing the thread and message in the job's transaction.

let t: TestApp;
const failOnce = new Set<string>();

const startThread: StartThreadAsStaff = async (tx, input) => {
  if (failOnce.delete(input.patientId)) throw new Error('simulated crash');
  const { now } = input;
  const [thread] = await tx
    .insert(messageThreads)
    .values({
      practiceId: input.practiceId,
      patientId: input.patientId,
      subject: input.subject,
      status: 'waiting',
      startedBy: 'staff',
      providerId: input.providerId,
      locationId: input.locationId,
      createdAt: now,
      lastMessageAt: now,
      lastMessagePreview: input.body.slice(0, 140),
      lastMessageAuthor: 'staff',
    })
    .returning({ id: messageThreads.id });
  if (!thread) throw new Error('no thread');
  const [message] = await tx
    .insert(messages)
    .values({
      practiceId: input.practiceId,
      threadId: thread.id,
      author: 'staff',
      staffUserId: input.staffUserId,
      body: input.body,
      createdAt: now,
    })
    .returning({ id: messages.id });
  if (!message) throw new Error('no message');
  return { threadId: thread.id, messageId: message.id };
};

beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => t.close());

function ctxOf(p: TestPractice, role: StaffRole): StaffContext {
  const member = p.staff[role];
  if (!member) throw new Error(`no ${role} in the practice`);
  const base = { kind: 'staff', practiceId: p.practiceId, staffUserId: member.userId } as const;
  return { ...base, role, sessionId: randomUUID(), meta: systemMeta };
}

async function refusal(promise: Promise<unknown>): Promise<AppError> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  if (!(error instanceof AppError)) throw new Error(`expected an AppError, got ${String(error)}`);
  return error;
}

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
  const practice = await t.newPractice(['admin', 'front_desk', 'billing']);
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

describe('bulk messages', () => {
  it('sends each registered patient one thread, skips the others by reason, survives a crash', async () => {
    const { practice, registered, ended, unregistered } = await practiceWithPatients();
    const [ann, ben, cat] = registered.map((p) => p.id);
    if (!ann || !ben || !cat) throw new Error('patients missing');
    const bulk = createBulkMessageService({ db: t.db, clock: t.clock, startThread, chunkSize: 2 });
    const ctx = ctxOf(practice, 'front_desk');
    const ids = [ann, ben, ended.id, unregistered.id, randomUUID(), cat, ann];

    const queued = await bulk.create(ctx, request(ids));
    expect(queued).toMatchObject({ status: 'queued', total: 6, sent: 0, finishedAt: null });
    const [audit, ...more] = await auditRows(t, practice.practiceId, 'message.bulk');
    expect(more).toEqual([]);
    expect(audit?.details).toEqual({ patients: 6, requested: 7 });
    const queuedJobs = await t.db.system((tx) =>
      tx.select().from(jobs).where(eq(jobs.practiceId, practice.practiceId)),
    );
    expect(queuedJobs.filter((j) => j.kind === 'bulk_message')).toHaveLength(1);

    const job: JobRun = {
      id: 0,
      practiceId: practice.practiceId,
      payload: { runId: queued.id, staffUserId: ctx.staffUserId },
      attempts: 0,
    };
    const step = () => runnerOf(bulk.jobHandler)(job);
    const count = (run: Awaited<ReturnType<typeof bulk.get>>, reason: string) =>
      run.skipped.find((s) => s.reason === reason)?.count;

    expect(await step()).toBe('again');
    const first = await bulk.get(ctx, queued.id);
    expect(first).toMatchObject({ status: 'running', sent: 2 });
    expect(await step()).toBe('again');
    const second = await bulk.get(ctx, queued.id);
    expect(second.sent).toBe(2);
    expect([count(second, 'end_dated'), count(second, 'not_registered')]).toEqual([1, 1]);

    // The third chunk (unknown id, Cat) fails part-way: nothing of it is kept.
    failOnce.add(cat);
    await expect(step()).rejects.toThrow('simulated crash');
    expect(await bulk.get(ctx, queued.id)).toEqual(second);
    expect(await threadsOf(practice, cat)).toEqual([]);

    expect(await step()).toBe('done');
    const done = await bulk.get(ctx, queued.id);
    expect(done).toMatchObject({ status: 'done', total: 6, sent: 3 });
    expect(done.skipped).toEqual([
      { reason: 'not_registered', count: 1 },
      { reason: 'end_dated', count: 1 },
      { reason: 'not_found', count: 1 },
    ]);
    expect(done.finishedAt).not.toBeNull();

    // A finished run's job does nothing more.
    expect(await step()).toBe('done');
    expect(await bulk.get(ctx, queued.id)).toEqual(done);
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

  it('runs to the end in one step with the default chunk size; two steps at once send once', async () => {
    const { practice, registered, unregistered } = await practiceWithPatients();
    const bulk = createBulkMessageService({ db: t.db, clock: t.clock, startThread });
    const ctx = ctxOf(practice, 'admin');
    const ids = [...registered.map((p) => p.id), unregistered.id];
    const run = await bulk.create(ctx, request(ids));
    const job = { id: 0, practiceId: practice.practiceId, attempts: 0 };
    const payload = { runId: run.id, staffUserId: ctx.staffUserId };
    const step = () => runnerOf(bulk.jobHandler)({ ...job, payload });
    expect(await Promise.all([step(), step()])).toEqual(['done', 'done']);
    expect(await bulk.get(ctx, run.id)).toMatchObject({ status: 'done', total: 4, sent: 3 });
    for (const p of registered) expect(await threadsOf(practice, p.id)).toHaveLength(1);
  });

  it('refuses roles without the permission, unknown variables and card numbers', async () => {
    const { practice, registered } = await practiceWithPatients();
    const bulk = createBulkMessageService({ db: t.db, clock: t.clock, startThread });
    const ids = registered.map((p) => p.id);
    const billing = ctxOf(practice, 'billing');
    expect(await refusal(bulk.create(billing, request(ids)))).toMatchObject({ code: 'FORBIDDEN' });
    const admin = ctxOf(practice, 'admin');
    const unknown = await refusal(
      bulk.create(admin, { ...request(ids), body: 'Hi {{patient.lastName}}' }),
    );
    expect(unknown.code).toBe('VALIDATION');
    expect(unknown.message).toContain('{{patient.lastName}}');
    const card = await refusal(
      bulk.create(admin, { ...request(ids), body: 'Pay with 4111 1111 1111 1111' }),
    );
    expect(card.details.issues?.[0]?.path).toBe('body.body');
    expect(await auditRows(t, practice.practiceId, 'message.bulk')).toEqual([]);
  });

  it("answers 404 for another practice's run", async () => {
    const bulk = createBulkMessageService({ db: t.db, clock: t.clock, startThread });
    const theirs = await t.newPractice();
    const theirPatient = await createPatient(staffClient(t, theirs.cookie));
    const run = await bulk.create(ctxOf(theirs, 'admin'), request([theirPatient.id]));
    const mine = ctxOf(await t.newPractice(), 'admin');
    expect(await refusal(bulk.get(mine, run.id))).toMatchObject({ code: 'NOT_FOUND' });
    expect(await refusal(bulk.get(mine, randomUUID()))).toMatchObject({ code: 'NOT_FOUND' });
  });
});
