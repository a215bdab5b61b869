import { readdir } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/harness.ts';
import { registeredPatient, signInPatient } from '../portal-accounts/test-support.ts';
import { gpsLatitudeBytes, indexOfBytes, jpegWithMetadata, plainJpeg } from './image-fixtures.ts';
import {
  messagingWorld,
  postMessage,
  staffStartsThread,
  storedCounts,
  tinyPdf,
  type MessagingWorld,
  type UploadFile,
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

/** Every file under the app's storage directory (to prove a refusal stored nothing). */
async function storedFiles(): Promise<string[]> {
  const entries = await readdir(t.context.config.storageDir, {
    recursive: true,
    withFileTypes: true,
  });
  return entries.filter((e) => e.isFile()).map((e) => e.name);
}

const pdfOfSize = (bytes: number) => {
  const file = new Uint8Array(bytes);
  file.set(tinyPdf);
  return file;
};
const exeAsPdf: UploadFile = {
  name: 'invoice.pdf',
  type: 'application/pdf',
  bytes: new Uint8Array([0x4d, 0x5a, 0x90, 0x00, 0x03, 0x00, 0x00, 0x00, ...new Uint8Array(200)]),
};
const svgWithScript: UploadFile = {
  name: 'chart.png',
  type: 'image/png',
  bytes: new Uint8Array(
    Buffer.from(
      '<svg xmlns="http://www.w3.org/2000/svg"><script>alert(document.cookie)</script></svg>',
    ),
  ),
};

const reply = (body: string, files: UploadFile[] = [], cookie = w.patientCookie, id = threadId) =>
  postMessage(t, cookie, `/api/portal/messages/threads/${id}/messages`, { body }, files);

describe('bad input is refused with a clear error and stores nothing', () => {
  const refusals: [
    string,
    () => Promise<{ statusCode: number; json: () => unknown }>,
    number,
    RegExp,
  ][] = [
    ['1001 characters', () => reply('x'.repeat(1001)), 400, /at most 1,000 characters/],
    ['an empty message', () => reply('   '), 400, /Write a message/],
    [
      '11 files',
      () =>
        reply(
          'files',
          Array.from({ length: 11 }, (_, i) => ({ name: `p${i}.pdf`, bytes: tinyPdf })),
        ),
      400,
      /10 files/,
    ],
    [
      'a 12 MB file',
      () => reply('big', [{ name: 'scan.pdf', bytes: pdfOfSize(12 * 1024 * 1024) }]),
      413,
      /10 MB/,
    ],
    [
      'three 9 MB files (27 MB)',
      () =>
        reply(
          'many',
          [1, 2, 3].map((i) => ({ name: `s${i}.pdf`, bytes: pdfOfSize(9 * 1024 * 1024) })),
        ),
      413,
      /25 MB/,
    ],
    ['an .exe renamed .pdf', () => reply('exe', [exeAsPdf]), 415, /PDF|JPEG|PNG/],
    ['an SVG with script', () => reply('svg', [svgWithScript]), 415, /PDF|JPEG|PNG/],
    [
      'a path-traversal file name',
      () => reply('path', [{ name: '../../etc/passwd.pdf', bytes: tinyPdf }]),
      400,
      /name/,
    ],
    ['a card number', () => reply('My card is 4111 1111 1111 1111, exp 12/29'), 400, /card number/],
    [
      'a card number with dashes in a staff reply',
      () =>
        postMessage(t, w.staffCookie, `/api/practice/messages/threads/${threadId}/messages`, {
          body: 'Card 5555-5555-5555-4444 on file?',
        }),
      400,
      /card number/,
    ],
    [
      'a missing Idempotency-Key',
      () =>
        t.fastify.inject({
          method: 'POST',
          url: `/api/portal/messages/threads/${threadId}/messages`,
          headers: { cookie: w.patientCookie, 'content-type': 'application/json' },
          payload: { body: 'hi' },
        }),
      400,
      /Idempotency-Key/,
    ],
    [
      'JSON instead of a form',
      () =>
        t.fastify.inject({
          method: 'POST',
          url: `/api/portal/messages/threads/${threadId}/messages`,
          headers: {
            cookie: w.patientCookie,
            'content-type': 'application/json',
            'idempotency-key': 'json-instead-1',
          },
          payload: { body: 'hi' },
        }),
      415,
      /form/,
    ],
    [
      'an unknown field',
      () =>
        postMessage(t, w.patientCookie, `/api/portal/messages/threads/${threadId}/messages`, {
          body: 'hi',
          priority: 'urgent',
        }),
      400,
      /invalid|missing/,
    ],
  ];

  for (const [what, send, status, message] of refusals) {
    it(`${what} → ${status}`, async () => {
      const before = await storedCounts(t, w.practice.practiceId);
      const filesBefore = await storedFiles();
      const res = await send();
      expect(res.statusCode).toBe(status);
      expect((res.json() as { message: string }).message).toMatch(message);
      expect(await storedCounts(t, w.practice.practiceId)).toEqual(before);
      expect(await storedFiles()).toEqual(filesBefore);
    });
  }

  it("another patient's thread id → 404, nothing stored", async () => {
    const other = await messagingWorld(t);
    const theirThread = await staffStartsThread(t, other);
    const before = await storedCounts(t, other.practice.practiceId);
    const res = await reply('peek', [], w.patientCookie, theirThread);
    expect(res.statusCode).toBe(404);
    expect(
      (
        await t.fastify.inject({
          method: 'GET',
          url: `/api/portal/messages/threads/${theirThread}`,
          headers: { cookie: w.patientCookie },
        })
      ).statusCode,
    ).toBe(404);
    expect(await storedCounts(t, other.practice.practiceId)).toEqual(before);
  });

  it("a second patient of the same practice cannot read or answer the first one's thread", async () => {
    const sibling = await registeredPatient(t, w.practice, {
      patient: { firstName: 'Sam', lastName: 'Quinn', dateOfBirth: '2001-09-09' },
    });
    const cookie = await signInPatient(t, sibling.email, sibling.password);
    const before = await storedCounts(t, w.practice.practiceId);
    expect((await reply('hello', [], cookie)).statusCode).toBe(404);
    const read = await t.fastify.inject({
      method: 'GET',
      url: `/api/portal/messages/threads/${threadId}`,
      headers: { cookie },
    });
    expect(read.statusCode).toBe(404);
    expect(await storedCounts(t, w.practice.practiceId)).toEqual(before);
  });

  it("another practice's thread id → 404 for staff, nothing stored", async () => {
    const other = await messagingWorld(t);
    const theirThread = await staffStartsThread(t, other);
    const before = await storedCounts(t, other.practice.practiceId);
    const res = await postMessage(
      t,
      w.staffCookie,
      `/api/practice/messages/threads/${theirThread}/messages`,
      { body: 'hi' },
    );
    expect(res.statusCode).toBe(404);
    expect((await w.staff.get(`/api/practice/messages/threads/${theirThread}`)).statusCode).toBe(
      404,
    );
    expect(
      (await w.staff.post(`/api/practice/messages/threads/${theirThread}/close`)).statusCode,
    ).toBe(404);
    expect(await storedCounts(t, other.practice.practiceId)).toEqual(before);
  });

  it('a reply to a closed thread → 409 THREAD_READ_ONLY, nothing stored', async () => {
    const closedThread = await staffStartsThread(t, w, { subject: 'To be closed' });
    await w.staff.post(`/api/practice/messages/threads/${closedThread}/close`);
    const before = await storedCounts(t, w.practice.practiceId);
    const res = await reply(
      'one more thing',
      [{ name: 'a.pdf', bytes: tinyPdf }],
      w.patientCookie,
      closedThread,
    );
    expect(res.statusCode).toBe(409);
    expect(res.json<{ code: string }>().code).toBe('THREAD_READ_ONLY');
    expect(await storedCounts(t, w.practice.practiceId)).toEqual(before);
  });
});

describe('accepted attachments', () => {
  it('takes ten files, decides types from content, and strips GPS from photos', async () => {
    const files: UploadFile[] = [
      { name: 'knee.jpg', bytes: jpegWithMetadata(), type: 'application/octet-stream' },
      { name: 'plain.jpeg', bytes: plainJpeg() },
      ...Array.from({ length: 8 }, (_, i) => ({ name: `page-${i + 1}.pdf`, bytes: tinyPdf })),
    ];
    const res = await reply('Photos and forms attached.', files);
    expect(res.statusCode).toBe(201);
    const sent = res.json<{ message: { attachments: { id: string; contentType: string }[] } }>();
    expect(sent.message.attachments).toHaveLength(10);
    expect(sent.message.attachments[0]?.contentType).toBe('image/jpeg');
    const photo = await w.portal.get(
      `/api/portal/messages/attachments/${sent.message.attachments[0]?.id ?? ''}`,
    );
    expect(photo.statusCode).toBe(200);
    expect(indexOfBytes(new Uint8Array(photo.rawPayload), gpsLatitudeBytes)).toBe(-1);
  });
});
