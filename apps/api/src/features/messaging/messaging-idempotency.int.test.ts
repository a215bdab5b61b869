import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/harness.ts';
import {
  messagingWorld,
  postMessage,
  refreshSessions,
  staffStartsThread,
  storedCounts,
  tinyPdf,
  type MessagingWorld,
} from './test-support.ts';

let t: TestApp;
let w: MessagingWorld;
let threadId: string;
beforeAll(async () => {
  t = await createTestApp();
  w = await messagingWorld(t);
  threadId = await staffStartsThread(t, w);
});
afterAll(() => t.close());

const replyUrl = () => `/api/portal/messages/threads/${threadId}/messages`;

describe('sending is idempotent (Idempotency-Key)', () => {
  it('a retried POST replays the first answer and stores one message', async () => {
    const before = await storedCounts(t, w.practice.practiceId);
    const files = [{ name: 'form.pdf', bytes: tinyPdf }];
    const first = await postMessage(
      t,
      w.patientCookie,
      replyUrl(),
      { body: 'Sent twice?' },
      files,
      'retry-key-0001',
    );
    const again = await postMessage(
      t,
      w.patientCookie,
      replyUrl(),
      { body: 'Sent twice?' },
      files,
      'retry-key-0001',
    );
    expect(first.statusCode).toBe(201);
    expect(again.statusCode).toBe(201);
    expect(again.json()).toEqual(first.json());
    const after = await storedCounts(t, w.practice.practiceId);
    expect(after.messages - before.messages).toBe(1);
    expect(after.attachments - before.attachments).toBe(1);
  });

  it('the same key with a different body is 422 and stores nothing', async () => {
    await postMessage(t, w.patientCookie, replyUrl(), { body: 'Original' }, [], 'reused-key-0001');
    const before = await storedCounts(t, w.practice.practiceId);
    const other = await postMessage(
      t,
      w.patientCookie,
      replyUrl(),
      { body: 'Changed' },
      [],
      'reused-key-0001',
    );
    expect(other.statusCode).toBe(422);
    expect(other.json<{ code: string }>().code).toBe('IDEMPOTENCY_KEY_REUSED');
    expect(await storedCounts(t, w.practice.practiceId)).toEqual(before);
  });

  it('keys belong to their caller: staff and patient may use the same key', async () => {
    const staff = await postMessage(
      t,
      w.staffCookie,
      `/api/practice/messages/threads/${threadId}/messages`,
      { body: 'Staff' },
      [],
      'shared-key-0001',
    );
    const patient = await postMessage(
      t,
      w.patientCookie,
      replyUrl(),
      { body: 'Patient' },
      [],
      'shared-key-0001',
    );
    expect([staff.statusCode, patient.statusCode]).toEqual([201, 201]);
  });

  it('concurrent requests with one key make one message; each answer is the message or "in progress"', async () => {
    const before = await storedCounts(t, w.practice.practiceId);
    const answers = await Promise.all(
      Array.from({ length: 6 }, () =>
        postMessage(t, w.patientCookie, replyUrl(), { body: 'Race' }, [], 'race-key-00001'),
      ),
    );
    for (const a of answers) expect([201, 409]).toContain(a.statusCode);
    const ids = new Set(
      answers
        .filter((a) => a.statusCode === 201)
        .map((a) => a.json<{ message: { id: string } }>().message.id),
    );
    expect(ids.size).toBe(1);
    expect((await storedCounts(t, w.practice.practiceId)).messages - before.messages).toBe(1);
  });

  it('after 24 hours a key may be used again', async () => {
    await postMessage(t, w.patientCookie, replyUrl(), { body: 'Day one' }, [], 'daily-key-0001');
    t.clock.advanceSeconds(24 * 3600 + 1);
    await refreshSessions(t, w);
    const before = await storedCounts(t, w.practice.practiceId);
    const later = await postMessage(
      t,
      w.patientCookie,
      replyUrl(),
      { body: 'Day two' },
      [],
      'daily-key-0001',
    );
    expect(later.statusCode).toBe(201);
    expect((await storedCounts(t, w.practice.practiceId)).messages - before.messages).toBe(1);
  });
});
