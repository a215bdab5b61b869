import { randomUUID } from 'node:crypto';
import { and, count, eq } from 'drizzle-orm';
import type { MessagingPolicyName } from '@portico/contracts';
import type { TestApp, TestPractice } from '../../../test/harness.ts';
import { runWorkerOnce } from '../../platform/outbox/worker.ts';
import { recordingLog } from '../../platform/outbox/testing.ts';
import {
  portalClient,
  randomIp,
  registeredPatient,
  signInPatient,
  type RegisteredPatient,
} from '../portal-accounts/test-support.ts';
import { staffClient } from '../patients/test-support.ts';
import { messageAttachments, messages, messageThreads } from './tables.ts';

/** Test helpers of the messaging slice (tests only). */

export interface UploadFile {
  name: string;
  bytes: Uint8Array;
  type?: string;
}

/** A multipart/form-data body, built by hand so tests control every byte. */
export function multipart(fields: Record<string, string>, files: UploadFile[] = []) {
  const boundary = `----portico${randomUUID().replace(/-/g, '')}`;
  const chunks: Buffer[] = [];
  for (const [name, value] of Object.entries(fields)) {
    chunks.push(
      Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n`),
      Buffer.from(value, 'utf8'),
      Buffer.from('\r\n'),
    );
  }
  for (const file of files) {
    chunks.push(
      Buffer.from(
        `--${boundary}\r\nContent-Disposition: form-data; name="files"; filename="${file.name}"\r\n` +
          `Content-Type: ${file.type ?? 'application/octet-stream'}\r\n\r\n`,
      ),
      Buffer.from(file.bytes),
      Buffer.from('\r\n'),
    );
  }
  chunks.push(Buffer.from(`--${boundary}--\r\n`));
  return {
    payload: Buffer.concat(chunks),
    contentType: `multipart/form-data; boundary=${boundary}`,
  };
}

/** A minimal valid PDF (file-type knows it by its `%PDF-` header). */
export const tinyPdf = new Uint8Array(
  Buffer.from(
    '%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n',
  ),
);

/** POSTs a message form as whoever `cookie` belongs to, with an Idempotency-Key. */
export function postMessage(
  t: TestApp,
  cookie: string,
  url: string,
  fields: Record<string, string>,
  files: UploadFile[] = [],
  idempotencyKey: string = randomUUID(),
) {
  const body = multipart(fields, files);
  return t.fastify.inject({
    method: 'POST',
    url,
    headers: {
      cookie,
      'content-type': body.contentType,
      'idempotency-key': idempotencyKey,
    },
    payload: body.payload,
    remoteAddress: randomIp(),
  });
}

export interface MessagingWorld {
  practice: TestPractice;
  staffCookie: string;
  staff: ReturnType<typeof staffClient>;
  patient: RegisteredPatient;
  patientCookie: string;
  portal: ReturnType<typeof portalClient>;
}

/** A practice (admin + clinician + front desk) with one registered, signed-in patient. */
export async function messagingWorld(
  t: TestApp,
  patientFields: Record<string, unknown> = {},
): Promise<MessagingWorld> {
  const practice = await t.newPractice(['admin', 'clinician', 'front_desk']);
  const patient = await registeredPatient(t, practice, {
    patient: { firstName: 'Rosa', lastName: 'Quinn', dateOfBirth: '1975-02-03', ...patientFields },
  });
  const patientCookie = await signInPatient(t, patient.email, patient.password);
  return {
    practice,
    staffCookie: practice.cookie,
    staff: staffClient(t, practice.cookie),
    patient,
    patientCookie,
    portal: portalClient(t, patientCookie),
  };
}

/** New sessions for the world's staff member and patient (after the clock jumped past timeouts). */
export async function refreshSessions(t: TestApp, w: MessagingWorld): Promise<void> {
  const admin = w.practice.staff.admin;
  if (!admin) throw new Error('the world has no admin');
  w.staffCookie = await t.signInStaff(admin.email);
  w.staff = staffClient(t, w.staffCookie);
  w.patientCookie = await signInPatient(t, w.patient.email, w.patient.password);
  w.portal = portalClient(t, w.patientCookie);
}

/** Staff start a thread with the world's patient; returns the thread id. */
export async function staffStartsThread(
  t: TestApp,
  w: MessagingWorld,
  fields: Record<string, string> = {},
): Promise<string> {
  const res = await postMessage(t, w.staffCookie, '/api/practice/messages/threads', {
    patientId: w.patient.patientId,
    subject: 'Your exercise plan',
    body: 'Hello Rosa, here is your plan for this week.',
    ...fields,
  });
  if (res.statusCode !== 201) throw new Error(`start thread: ${res.statusCode} ${res.body}`);
  return res.json<{ threadId: string }>().threadId;
}

export async function setPolicy(
  t: TestApp,
  w: MessagingWorld,
  policy: MessagingPolicyName,
  autoCloseHours = 48,
): Promise<void> {
  const current = await w.staff.get('/api/practice/messaging-settings');
  const { version, guidelineBanner } = current.json<{ version: number; guidelineBanner: string }>();
  const res = await w.staff.put('/api/practice/messaging-settings', {
    policy,
    autoCloseHours,
    guidelineBanner,
    version,
  });
  if (res.statusCode !== 200) throw new Error(`settings: ${res.statusCode} ${res.body}`);
}

/** How many threads, messages and attachments the practice has (to prove nothing was stored). */
export async function storedCounts(t: TestApp, practiceId: string) {
  return t.db.system(async (tx) => {
    const n = async (
      table: typeof messages | typeof messageThreads | typeof messageAttachments,
    ) => {
      const [row] = await tx
        .select({ n: count() })
        .from(table)
        .where(eq(table.practiceId, practiceId));
      return row?.n ?? 0;
    };
    return {
      threads: await n(messageThreads),
      messages: await n(messages),
      attachments: await n(messageAttachments),
    };
  });
}

/** Runs the worker over this practice's queued jobs and notices until nothing is left. */
export async function drainWorker(t: TestApp, practiceId: string): Promise<void> {
  for (let i = 0; i < 20; i++) {
    const result = await runWorkerOnce({
      db: t.db,
      clock: t.clock,
      deliverer: t.deliverer,
      jobHandlers: t.context.jobHandlers,
      log: recordingLog(),
      onlyPracticeIds: [practiceId],
    });
    if (result.jobs + result.messages === 0) return;
  }
}

/** The thread row as stored. */
export async function threadRow(t: TestApp, practiceId: string, threadId: string) {
  const [row] = await t.db.system((tx) =>
    tx
      .select()
      .from(messageThreads)
      .where(and(eq(messageThreads.practiceId, practiceId), eq(messageThreads.id, threadId))),
  );
  return row;
}
