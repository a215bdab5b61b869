import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/harness.ts';
import { isolatedWorkerClock } from '../../platform/outbox/testing.ts';
import { auditRows } from '../patients/test-support.ts';
import { closeDueThreads } from './auto-close.ts';
import {
  messagingWorld,
  postMessage,
  refreshSessions,
  setPolicy,
  staffStartsThread,
  threadRow,
  type MessagingWorld,
} from './test-support.ts';

let t: TestApp;
beforeAll(async () => {
  // Far from other files' clocks: on the shared PostgreSQL database, their sweeps (at the
  // default time) never find this file's threads due, and this file's sweeps find theirs not due.
  t = await createTestApp({ clock: isolatedWorkerClock() });
});
afterAll(() => t.close());

const hours = (h: number) => h * 3600;
const sweep = () => closeDueThreads(t.db, t.clock.now());
/** Moves the clock and signs everyone in again (sessions end after 12 hours). */
const later = async (w: MessagingWorld, seconds: number) => {
  t.clock.advanceSeconds(seconds);
  await refreshSessions(t, w);
};

describe('auto-close: N hours after a staff message with no patient reply', () => {
  let w: MessagingWorld;
  beforeAll(async () => {
    w = await messagingWorld(t);
  });
  beforeEach(() => refreshSessions(t, w));

  it('is open at 47 hours and closed at 48, once, audited as the system', async () => {
    const threadId = await staffStartsThread(t, w);
    t.clock.advanceSeconds(hours(47));
    await sweep();
    expect((await threadRow(t, w.practice.practiceId, threadId))?.status).toBe('waiting');
    t.clock.advanceSeconds(hours(1));
    await sweep();
    const row = await threadRow(t, w.practice.practiceId, threadId);
    expect(row?.status).toBe('closed');
    expect(row?.closedBy).toBe('auto');
    await sweep();
    const closings = (
      await auditRows(t, w.practice.practiceId, 'message_thread.auto_close')
    ).filter((a) => a.entityId === threadId);
    expect(closings).toHaveLength(1);
    expect(closings[0]?.actorType).toBe('system');
  });

  it('a patient reply resets it: the thread waits for the next staff message', async () => {
    const threadId = await staffStartsThread(t, w);
    await later(w, hours(30));
    const reply = await postMessage(
      t,
      w.patientCookie,
      `/api/portal/messages/threads/${threadId}/messages`,
      {
        body: 'Still sore on the left side.',
      },
    );
    expect(reply.statusCode).toBe(201);
    await later(w, hours(100));
    await sweep();
    expect((await threadRow(t, w.practice.practiceId, threadId))?.status).toBe('open');

    const staffReply = await postMessage(
      t,
      w.staffCookie,
      `/api/practice/messages/threads/${threadId}/messages`,
      {
        body: 'Ice it twice a day.',
      },
    );
    expect(staffReply.statusCode).toBe(201);
    t.clock.advanceSeconds(hours(47));
    await sweep();
    expect((await threadRow(t, w.practice.practiceId, threadId))?.status).toBe('waiting');
    t.clock.advanceSeconds(hours(1));
    await sweep();
    expect((await threadRow(t, w.practice.practiceId, threadId))?.status).toBe('closed');
  });

  it("follows the practice's hours, and 0 means never", async () => {
    await setPolicy(t, w, 'practice_only', 2);
    const short = await staffStartsThread(t, w);
    await later(w, hours(2));
    await sweep();
    expect((await threadRow(t, w.practice.practiceId, short))?.status).toBe('closed');

    await setPolicy(t, w, 'practice_only', 0);
    const never = await staffStartsThread(t, w);
    await later(w, hours(24 * 365));
    await sweep();
    expect((await threadRow(t, w.practice.practiceId, never))?.status).toBe('waiting');
    await setPolicy(t, w, 'practice_only', 48);
  });

  it('concurrent sweeps close each thread once', async () => {
    const ids = [await staffStartsThread(t, w), await staffStartsThread(t, w)];
    t.clock.advanceSeconds(hours(48));
    const closed = await Promise.all([sweep(), sweep(), sweep()]);
    const mine = await Promise.all(ids.map((id) => threadRow(t, w.practice.practiceId, id)));
    expect(mine.map((r) => r?.status)).toEqual(['closed', 'closed']);
    const audits = (await auditRows(t, w.practice.practiceId, 'message_thread.auto_close')).filter(
      (a) => ids.includes(a.entityId ?? ''),
    );
    expect(audits).toHaveLength(2);
    expect(closed.reduce((a, b) => a + b, 0)).toBeGreaterThanOrEqual(2);
  });
});
