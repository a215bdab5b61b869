import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, eq, isNull } from 'drizzle-orm';
import type { MailboxResponse } from '@portico/contracts';
import {
  createTestApp,
  testConfig,
  type TestApp,
  type TestPractice,
} from '../../../test/harness.ts';
import { createDeliverer } from '../../platform/delivery/create-deliverer.ts';
import { enqueueNotification } from '../../platform/outbox/enqueue.ts';
import { auditEvents } from '../../platform/audit/tables.ts';
import { devMailbox, outbox } from '../../platform/outbox/tables.ts';
import type { OutboxPayload } from '../../platform/outbox/tables.ts';
import { runWorkerOnce } from '../../platform/outbox/worker.ts';
import { isolatedWorkerClock, recordingLog } from '../../platform/outbox/testing.ts';
import type { OutboxPage } from './service.ts';

let t: TestApp;
let a: TestPractice;
let b: TestPractice;

async function enqueue(practiceId: string, payload: OutboxPayload): Promise<void> {
  await t.db.tenant(practiceId, (tx) =>
    enqueueNotification(tx, practiceId, payload, t.clock.now()),
  );
}

const get = (url: string, cookie: string | undefined) =>
  t.fastify.inject({ method: 'GET', url, headers: { cookie: cookie ?? '' } });

beforeAll(async () => {
  t = await createTestApp({ clock: isolatedWorkerClock() });
  a = await t.newPractice(['admin', 'front_desk', 'clinician']);
  b = await t.newPractice(['admin']);
  // No SMTP_URL and no SMS_PROVIDER_URL: both channels land in the dev mailbox.
  const deliverer = createDeliverer(testConfig(), t.db, t.clock);
  const deliverDue = () =>
    runWorkerOnce({
      db: t.db,
      clock: t.clock,
      deliverer,
      jobHandlers: {},
      log: recordingLog(),
      onlyPracticeIds: [a.practiceId, b.practiceId],
    });
  await enqueue(a.practiceId, {
    channel: 'email',
    to: 'ada@example.org',
    subject: 'A message is waiting',
    text: 'Sign in to read it.',
    html: '<p>Sign in to read it.</p>',
  });
  await enqueue(b.practiceId, {
    channel: 'email',
    to: 'bob@example.org',
    subject: 'For B',
    text: 'Only B sees this.',
  });
  await deliverDue();
  t.clock.advanceSeconds(60);
  await enqueue(a.practiceId, {
    channel: 'sms',
    to: '+15550104444',
    text: 'New message: https://portal.test/p',
  });
  await deliverDue();
  await deliverer.deliver(
    { channel: 'email', to: 'staff@example.org', subject: 'Set your password', text: 'link' },
    null,
  );
});
afterAll(async () => t.close());

describe('GET /api/practice/dev-mailbox', () => {
  it("shows the practice's delivered messages, newest first, to its admins", async () => {
    for (const role of ['admin'] as const) {
      const res = await get('/api/practice/dev-mailbox', a.staff[role]?.cookie);
      expect(res.statusCode).toBe(200);
      const body = res.json<MailboxResponse>();
      expect(body).toMatchObject({
        enabled: true,
        total: 2,
        totalIsLowerBound: false,
        page: 1,
        pageSize: 25,
      });
      expect(body.items.map((m) => [m.channel, m.to])).toEqual([
        ['sms', '+15550104444'],
        ['email', 'ada@example.org'],
      ]);
      expect(body.items[1]).toMatchObject({
        subject: 'A message is waiting',
        text: 'Sign in to read it.',
        html: '<p>Sign in to read it.</p>',
      });
      expect(body.items[0]).toMatchObject({ subject: null, html: null });
    }
  });

  it("never shows another practice's messages, nor those sent without a practice", async () => {
    const res = await get('/api/practice/dev-mailbox', b.cookie);
    const body = res.json<MailboxResponse>();
    expect(body.items.map((m) => m.to)).toEqual(['bob@example.org']);
    const unowned = await t.db.system((tx) =>
      tx
        .select()
        .from(devMailbox)
        .where(
          and(
            isNull(devMailbox.practiceId),
            eq(devMailbox.to, 'staff@example.org'),
            eq(devMailbox.deliveredAt, t.clock.now()),
          ),
        ),
    );
    expect(unowned).toHaveLength(1);
  });

  it('pages', async () => {
    const res = await get('/api/practice/dev-mailbox?page=2&pageSize=1', a.cookie);
    expect(res.json<MailboxResponse>()).toMatchObject({
      total: 2,
      page: 2,
      pageSize: 1,
      items: [{ channel: 'email' }],
    });
  });

  it('refuses other roles: the messages carry sign-in links', async () => {
    for (const role of ['front_desk', 'clinician'] as const) {
      const res = await get('/api/practice/dev-mailbox', a.staff[role]?.cookie);
      expect(res.statusCode, role).toBe(403);
      expect(res.body).not.toContain('ada@example.org');
    }
  });

  it('is audited (messages name their recipients)', async () => {
    await get('/api/practice/dev-mailbox', a.staff.admin?.cookie);
    const events = await t.db.tenant(a.practiceId, (tx) =>
      tx
        .select()
        .from(auditEvents)
        .where(
          and(
            eq(auditEvents.practiceId, a.practiceId),
            eq(auditEvents.action, 'dev_mailbox.read'),
            eq(auditEvents.actorId, a.staff.admin?.userId ?? ''),
          ),
        ),
    );
    expect(events.length).toBeGreaterThan(0);
  });

  it('requires a signed-in staff member', async () => {
    expect((await get('/api/practice/dev-mailbox', undefined)).statusCode).toBe(401);
  });

  it('says it is not in use when both SMTP and an SMS provider are configured', async () => {
    const configured = await createTestApp({
      db: t.db,
      clock: t.clock,
      config: {
        smtpUrl: 'smtp://mail.example.org:587',
        sms: { providerUrl: 'https://sms.example.org/send', token: 'x', from: '+15550000000' },
      },
    });
    try {
      const p = await configured.newPractice(['admin']);
      const res = await configured.fastify.inject({
        method: 'GET',
        url: '/api/practice/dev-mailbox',
        headers: { cookie: p.cookie },
      });
      expect(res.json<MailboxResponse>()).toMatchObject({ enabled: false, items: [] });
    } finally {
      await configured.close();
    }
  });
});

describe('GET /api/practice/outbox', () => {
  it('lists delivery states for admins, never the payloads', async () => {
    const res = await get('/api/practice/outbox', a.cookie);
    expect(res.statusCode).toBe(200);
    const body = res.json<OutboxPage>();
    expect(body.total).toBe(2);
    expect(body.items.every((i) => i.status === 'sent' && i.attempts === 1)).toBe(true);
    for (const item of body.items)
      expect(Object.keys(item).sort()).toEqual([
        'attempts',
        'channel',
        'createdAt',
        'id',
        'lastError',
        'status',
      ]);
    expect(res.body).not.toContain('ada@example.org');
    expect(res.body).not.toContain('Sign in to read it');
  });

  it('shows dead letters with their last error, filtered by status', async () => {
    await enqueue(a.practiceId, {
      channel: 'email',
      to: 'gone@example.org',
      subject: 's',
      text: 't',
    });
    await t.db.system((tx) =>
      tx
        .update(outbox)
        .set({ status: 'dead', attempts: 8, lastError: 'connect ECONNREFUSED 127.0.0.1:25' })
        .where(and(eq(outbox.practiceId, a.practiceId), eq(outbox.status, 'pending'))),
    );
    const body = (await get('/api/practice/outbox?status=dead', a.cookie)).json<OutboxPage>();
    expect(body.items).toEqual([
      expect.objectContaining({
        status: 'dead',
        attempts: 8,
        lastError: 'connect ECONNREFUSED 127.0.0.1:25',
        channel: 'email',
      }),
    ]);
    expect((await get('/api/practice/outbox?status=dead', b.cookie)).json<OutboxPage>().total).toBe(
      0,
    );
  });

  it('refuses non-admins and unknown statuses', async () => {
    const desk = await get('/api/practice/outbox', a.staff.front_desk?.cookie);
    expect(desk.statusCode).toBe(403);
    expect((await get('/api/practice/outbox?status=lost', a.cookie)).statusCode).toBe(400);
  });
});
