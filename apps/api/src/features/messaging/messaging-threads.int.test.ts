import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type {
  InboxPage,
  PortalThreadDetail,
  PortalThreadPage,
  StaffThreadDetail,
} from '@portico/contracts';
import { createTestApp, type TestApp } from '../../../test/harness.ts';
import { auditRows } from '../patients/test-support.ts';
import {
  drainWorker,
  messagingWorld,
  postMessage,
  staffStartsThread,
  tinyPdf,
  type MessagingWorld,
} from './test-support.ts';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

describe('a conversation between the practice and a patient', () => {
  let w: MessagingWorld;
  let threadId: string;
  beforeAll(async () => {
    w = await messagingWorld(t);
    threadId = await staffStartsThread(t, w);
  });

  it('shows the staff-started thread in the patient list with an unread badge', async () => {
    const list = (await w.portal.get('/api/portal/messages/threads')).json<PortalThreadPage>();
    expect(list.items).toHaveLength(1);
    expect(list.items[0]).toMatchObject({
      id: threadId,
      subject: 'Your exercise plan',
      unreadCount: 1,
      status: 'waiting',
    });
    expect((await w.portal.get('/api/portal/messages/unread')).json()).toEqual({
      unreadThreads: 1,
    });
  });

  it('marks the message read when the patient opens the thread, and staff see when', async () => {
    t.clock.advanceSeconds(60);
    const opened = await w.portal.get(`/api/portal/messages/threads/${threadId}`);
    expect(opened.statusCode).toBe(200);
    const detail = opened.json<PortalThreadDetail>();
    expect(detail.messages).toHaveLength(1);
    expect(detail.readOnlyReason).toBeNull();
    const staffView = (
      await w.staff.get(`/api/practice/messages/threads/${threadId}`)
    ).json<StaffThreadDetail>();
    expect(staffView.messages[0]?.readAt).toBe(t.clock.now().toISOString());
    expect((await w.portal.get('/api/portal/messages/unread')).json()).toEqual({
      unreadThreads: 0,
    });
    const reads = await auditRows(t, w.practice.practiceId, 'message_thread.read');
    expect(reads.map((r) => r.actorType)).toEqual(['portal_account', 'staff']);
    expect(reads[0]?.patientId).toBe(w.patient.patientId);
  });

  it('a patient reply with an attachment reaches the inbox as unread, then read by the practice', async () => {
    const res = await postMessage(
      t,
      w.patientCookie,
      `/api/portal/messages/threads/${threadId}/messages`,
      { body: 'Thanks! Form attached.' },
      [{ name: 'form.pdf', bytes: tinyPdf }],
    );
    expect(res.statusCode).toBe(201);
    const sent = res.json<{ message: { attachments: { id: string; fileName: string }[] } }>();
    expect(sent.message.attachments[0]?.fileName).toBe('form.pdf');
    const inbox = (
      await w.staff.get('/api/practice/messages/threads?filter=unread')
    ).json<InboxPage>();
    expect(inbox.items.map((i) => [i.id, i.unreadCount, i.status])).toEqual([
      [threadId, 1, 'open'],
    ]);
    expect(inbox.items[0]?.patient.name).toBe('Rosa Quinn');
    expect((await w.staff.get('/api/practice/messages/unread')).json()).toEqual({
      unreadThreads: 1,
    });

    const fileId = sent.message.attachments[0]?.id ?? '';
    const download = await w.staff.get(`/api/practice/messages/attachments/${fileId}`);
    expect(download.statusCode).toBe(200);
    expect(download.headers['content-disposition']).toMatch(/^attachment; filename="form.pdf"/);
    expect(download.headers['x-content-type-options']).toBe('nosniff');
    expect(download.headers['content-type']).toBe('application/pdf');
    expect(Buffer.from(download.rawPayload)).toEqual(Buffer.from(tinyPdf));
    const downloads = await auditRows(t, w.practice.practiceId, 'message_attachment.download');
    expect(downloads).toHaveLength(1);

    const patientDownload = await w.portal.get(`/api/portal/messages/attachments/${fileId}`);
    expect(patientDownload.statusCode).toBe(200);
  });

  it('filters, searches and pages the inbox', async () => {
    for (let i = 0; i < 3; i++) {
      t.clock.advanceSeconds(1);
      await staffStartsThread(t, w, { subject: `Follow-up ${i}` });
    }
    const first = (
      await w.staff.get('/api/practice/messages/threads?pageSize=2')
    ).json<InboxPage>();
    expect(first.items.map((i) => i.subject)).toEqual(['Follow-up 2', 'Follow-up 1']);
    expect(first.nextCursor).not.toBeNull();
    const second = (
      await w.staff.get(
        `/api/practice/messages/threads?pageSize=2&cursor=${first.nextCursor ?? ''}`,
      )
    ).json<InboxPage>();
    expect(second.items.map((i) => i.subject)).toEqual(['Follow-up 0', 'Your exercise plan']);
    expect(second.nextCursor).toBeNull();

    const bySubject = (
      await w.staff.get('/api/practice/messages/threads?q=follow')
    ).json<InboxPage>();
    expect(bySubject.items).toHaveLength(3);
    const byWord = (await w.staff.get('/api/practice/messages/threads?q=plan')).json<InboxPage>();
    expect(byWord.items.map((i) => i.subject)).toEqual(['Your exercise plan']);
    const byPatient = (
      await w.staff.get('/api/practice/messages/threads?q=quin')
    ).json<InboxPage>();
    expect(byPatient.items).toHaveLength(4);
    const bad = await w.staff.get('/api/practice/messages/threads?cursor=not-a-cursor');
    expect(bad.statusCode).toBe(400);
  });

  it('assigns, closes and reopens, and the filters follow', async () => {
    const me = w.practice.staff.admin?.userId ?? '';
    const assigned = await w.staff.put(`/api/practice/messages/threads/${threadId}/assignee`, {
      staffUserId: me,
    });
    expect(assigned.json<{ assignee: { id: string } }>().assignee.id).toBe(me);
    const mine = (
      await w.staff.get('/api/practice/messages/threads?filter=mine')
    ).json<InboxPage>();
    expect(mine.items.map((i) => i.id)).toEqual([threadId]);
    const unassigned = (
      await w.staff.get('/api/practice/messages/threads?filter=unassigned')
    ).json<InboxPage>();
    expect(unassigned.items.map((i) => i.id)).not.toContain(threadId);

    const stranger = await w.staff.put(`/api/practice/messages/threads/${threadId}/assignee`, {
      staffUserId: '00000000-0000-4000-8000-000000000000',
    });
    expect(stranger.statusCode).toBe(400);

    expect(
      (await w.staff.post(`/api/practice/messages/threads/${threadId}/close`)).statusCode,
    ).toBe(200);
    const closed = (
      await w.staff.get('/api/practice/messages/threads?filter=closed')
    ).json<InboxPage>();
    expect(closed.items.map((i) => i.id)).toEqual([threadId]);
    const portalView = (
      await w.portal.get(`/api/portal/messages/threads/${threadId}`)
    ).json<PortalThreadDetail>();
    expect(portalView.readOnlyReason).toBe('closed');
    const reopened = await w.staff.post(`/api/practice/messages/threads/${threadId}/reopen`);
    expect(reopened.json<{ status: string }>().status).toBe('open');
  });

  it('tells the patient a message is waiting without any of its content', async () => {
    await drainWorker(t, w.practice.practiceId);
    const toPatient = t.deliverer.sent.filter(
      (s) => s.practiceId === w.practice.practiceId && s.message.to === w.patient.email,
    );
    expect(toPatient.length).toBeGreaterThan(0);
    for (const { message } of toPatient) {
      const text = JSON.stringify(message);
      expect(text).toContain('/portal/messages/');
      for (const phi of ['exercise', 'Rosa', 'Quinn', 'plan', 'Follow-up'])
        expect(text).not.toContain(phi);
    }
    const toStaff = t.deliverer.sent.filter(
      (s) => s.practiceId === w.practice.practiceId && s.message.to !== w.patient.email,
    );
    expect(toStaff.length).toBeGreaterThan(0);
    for (const { message } of toStaff)
      expect(JSON.stringify(message)).not.toMatch(/Rosa|Quinn|Thanks|form\.pdf/);
  });
});

describe('who may message whom', () => {
  it('staff cannot start a thread with an unregistered patient and are told to invite', async () => {
    const w = await messagingWorld(t);
    const created = await w.staff.post('/api/practice/patients', {
      firstName: 'Ned',
      lastName: 'Noaccount',
      dateOfBirth: '1990-01-01',
      sex: 'male',
    });
    const res = await postMessage(t, w.staffCookie, '/api/practice/messages/threads', {
      patientId: created.json<{ id: string }>().id,
      subject: 'Hello',
      body: 'Hi',
    });
    expect(res.statusCode).toBe(409);
    expect(res.json<{ message: string }>().message).toMatch(/invitation/);
  });

  it('end-dating a patient makes their threads read-only for the practice', async () => {
    const w = await messagingWorld(t);
    const threadId = await staffStartsThread(t, w);
    const detail = await w.staff.get(`/api/practice/patients/${w.patient.patientId}`);
    const { version } = detail.json<{ version: number }>();
    const ended = await w.staff.post(`/api/practice/patients/${w.patient.patientId}/end-date`, {
      endDate: '2026-11-21',
      reason: 'Moved away',
      version,
    });
    expect(ended.statusCode).toBe(200);
    const view = (
      await w.staff.get(`/api/practice/messages/threads/${threadId}`)
    ).json<StaffThreadDetail>();
    expect(view.readOnlyReason).toBe('end_dated');
    expect(view.messages).toHaveLength(1);
    const reply = await postMessage(
      t,
      w.staffCookie,
      `/api/practice/messages/threads/${threadId}/messages`,
      {
        body: 'Are you still there?',
      },
    );
    expect(reply.statusCode).toBe(409);
    expect(reply.json<{ code: string }>().code).toBe('THREAD_READ_ONLY');
  });
});
