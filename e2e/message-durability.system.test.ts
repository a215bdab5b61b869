import { randomUUID } from 'node:crypto';
import { once } from 'node:events';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import pg from 'pg';
import { completeStaffSecondFactor, cookieSender } from './support/staff-mfa.ts';
import { startPortico, waitReady, type PorticoProcess } from './support/process.ts';

/**
 * Issue 4 acceptance: SIGKILL the API while 200 patient replies are in flight; after a restart
 * every reply that got a 2xx is stored exactly once, and retrying the others with the same
 * Idempotency-Key stores each of the 200 exactly once. A send that commits the message and its
 * key in separate transactions fails here in most runs (3 of 4 when checked): the kill must land
 * between the two commits of some reply, so this catches such a bug often, not always.
 */

const adminUrl = process.env.DATABASE_URL_TEST ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const dbName = `portico_durability_${Date.now()}`;
const password = 'harbor-lantern-sunrise-47';
const replyCount = 200;
/**
 * Replies spread over this many threads (as many as the API's pool has connections): replies to
 * one thread queue on its row lock, so several threads keep several transactions mid-way when the
 * process dies, not just one.
 */
const threadCount = 10;
/** SIGKILL once this many replies have been answered: the rest are still queued or running. */
const killAfterAnswers = 30;
let databaseUrl = '';
let dataDir = '';
const processes: PorticoProcess[] = [];

interface Reply {
  threadId: string;
  key: string;
  body: string;
}
interface Outcome {
  /** null: no HTTP answer (the connection died with the process). */
  status: number | null;
  messageId: string | null;
}

async function withClient<T>(url: string, fn: (c: pg.Client) => Promise<T>): Promise<T> {
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  try {
    return await fn(c);
  } finally {
    await c.end();
  }
}

async function startApi(seed: boolean): Promise<PorticoProcess> {
  const p = await startPortico({
    DATABASE_URL: databaseUrl,
    PORTICO_WORKER: 'false',
    PORTICO_SEED_DEMO: String(seed),
    PORTICO_DATA_DIR: dataDir,
  });
  processes.push(p);
  await waitReady(p);
  return p;
}

/** The session cookie(s) a sign-in answer sets, as a Cookie header. */
function cookieOf(res: Response): string {
  return res.headers
    .getSetCookie()
    .map((c) => c.split(';')[0] ?? '')
    .join('; ');
}

async function signIn(url: string, email: string): Promise<string> {
  const res = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email, password }),
  });
  if (res.status !== 200) throw new Error(`sign-in ${email}: ${res.status} ${await res.text()}`);
  const result = (await res.json()) as { status?: string };
  if (result.status !== undefined && result.status !== 'signed_in') {
    throw new Error(`sign-in ${email}: ${JSON.stringify(result)}`);
  }
  return cookieOf(res);
}

/** POSTs a multipart message form (fetch's FormData) with an Idempotency-Key. */
async function postForm(
  url: string,
  cookie: string,
  key: string,
  fields: Record<string, string>,
): Promise<Outcome> {
  const form = new FormData();
  for (const [name, value] of Object.entries(fields)) form.set(name, value);
  let res: Response;
  try {
    res = await fetch(url, {
      method: 'POST',
      headers: { cookie, 'idempotency-key': key },
      body: form,
    });
  } catch {
    return { status: null, messageId: null };
  }
  try {
    const json = (await res.json()) as { message?: { id?: string } };
    return { status: res.status, messageId: json.message?.id ?? null };
  } catch {
    return { status: res.status, messageId: null };
  }
}

/**
 * "reply <n> <uuid>", unique per reply. Bodies holding 13+ digits in a row (a uuid can) are drawn
 * again: the API refuses what could be a card number.
 */
function replyBody(n: number): string {
  for (;;) {
    const body = `reply ${n} ${randomUUID()}`;
    const runs = body.match(/\d+(?:[ -]\d+)*/g) ?? [];
    if (runs.every((r) => r.replace(/[ -]/g, '').length < 13)) return body;
  }
}

/** The patient's stored messages in the threads: body → ids. */
async function storedReplies(threadIds: string[]): Promise<Map<string, string[]>> {
  const { rows } = await withClient(databaseUrl, (c) =>
    c.query<{ body: string; ids: string[] }>(
      `select body, array_agg(id::text) ids from messages
       where thread_id = any($1::uuid[]) and author = 'patient' group by body`,
      [threadIds],
    ),
  );
  return new Map(rows.map((r) => [r.body, r.ids]));
}

/** Runs `fn` over `items` with at most `limit` at a time. */
async function inBatches<T, R>(items: T[], limit: number, fn: (item: T) => Promise<R>) {
  const results: R[] = new Array<R>(items.length);
  let next = 0;
  const lane = async () => {
    for (let i = next++; i < items.length; i = next++) results[i] = await fn(items[i] as T);
  };
  await Promise.all(Array.from({ length: limit }, lane));
  return results;
}

beforeAll(async () => {
  await withClient(adminUrl, (c) => c.query(`CREATE DATABASE ${dbName}`));
  const url = new URL(adminUrl);
  url.pathname = `/${dbName}`;
  databaseUrl = url.toString();
  dataDir = await mkdtemp(path.join(os.tmpdir(), 'portico-durability-'));
});

afterAll(async () => {
  // A process already killed has a null exit code and a signal code: stop() would wait forever.
  for (const p of processes) {
    if (p.child.exitCode === null && p.child.signalCode === null) await p.stop('SIGKILL');
  }
  await withClient(adminUrl, (c) => c.query(`DROP DATABASE IF EXISTS ${dbName} WITH (FORCE)`));
  if (dataDir) await rm(dataDir, { recursive: true, force: true });
});

describe('message durability across SIGKILL', () => {
  it('every 2xx reply is stored once; retries with the same key store each reply once', async () => {
    const t0 = Date.now();
    const phases: string[] = [];
    const mark = (phase: string) => phases.push(`${phase} ${Date.now() - t0} ms`);
    const first = await startApi(true);
    mark('started');

    // Staff (with the mandatory second factor) start threads with the demo patient.
    const staffCookie = await signIn(
      `${first.baseUrl}/api/practice/auth/sign-in`,
      'admin@demo-pt.example',
    );
    await completeStaffSecondFactor(cookieSender(first.baseUrl, staffCookie));
    const patientId = await withClient(databaseUrl, async (c) => {
      const { rows } = await c.query<{ id: string }>(
        "select id from patients where mrn = 'P000001'",
      );
      return rows[0]?.id ?? '';
    });
    for (let n = 0; n < threadCount; n++) {
      const started = await postForm(
        `${first.baseUrl}/api/practice/messages/threads`,
        staffCookie,
        randomUUID(),
        { patientId, subject: `Durability check ${n}`, body: 'Please reply here.' },
      );
      expect(started.status).toBe(201);
    }
    const threadIds = await withClient(databaseUrl, async (c) => {
      const { rows } = await c.query<{ id: string }>(
        // The demo seed's welcome thread is not one of ours.
        "select id from message_threads where patient_id = $1 and subject like 'Durability check %'",
        [patientId],
      );
      return rows.map((r) => r.id);
    });
    expect(threadIds).toHaveLength(threadCount);

    mark('thread');
    const patientCookie = await signIn(
      `${first.baseUrl}/api/portal/auth/sign-in`,
      'patient@demo-pt.example',
    );
    const replies: Reply[] = Array.from({ length: replyCount }, (_, n) => ({
      threadId: threadIds[n % threadCount] ?? '',
      key: randomUUID(),
      body: replyBody(n),
    }));
    const replyUrl = (base: string, r: Reply) =>
      `${base}/api/portal/messages/threads/${r.threadId}/messages`;

    // 200 concurrent replies; SIGKILL (by PID) once the first answers are back.
    const exited = once(first.child, 'exit');
    let answered = 0;
    let killed = false;
    const kill = () => {
      if (killed) return;
      killed = true;
      first.child.kill('SIGKILL');
    };
    const fallback = setTimeout(kill, 20_000);
    const outcomes = await Promise.all(
      replies.map(async (r) => {
        const outcome = await postForm(replyUrl(first.baseUrl, r), patientCookie, r.key, {
          body: r.body,
        });
        if (outcome.status !== null && ++answered >= killAfterAnswers) kill();
        return outcome;
      }),
    );
    clearTimeout(fallback);
    kill();
    expect(await exited).toEqual([null, 'SIGKILL']);

    const ok = (o: Outcome) => o.status !== null && o.status >= 200 && o.status < 300;
    const statuses = outcomes.map((o) => o.status);
    // Only successes, or "busy, retry" under load, were answered before the kill.
    expect(statuses.filter((s) => s !== null && s !== 201 && s !== 503)).toEqual([]);
    const succeeded = replies.filter((_, i) => ok(outcomes[i] as Outcome));
    const unanswered = statuses.filter((s) => s === null).length;
    expect(succeeded.length).toBeGreaterThanOrEqual(1);
    // The kill really interrupted replies in flight.
    expect(unanswered).toBeGreaterThan(0);

    // Restart on the same database: every 2xx reply is there exactly once, nothing is doubled.
    mark('killed');
    const second = await startApi(false);
    mark('restarted');
    const afterCrash = await storedReplies(threadIds);
    for (const [i, r] of replies.entries()) {
      const ids = afterCrash.get(r.body) ?? [];
      expect(ids.length, r.body).toBeLessThanOrEqual(1);
      const outcome = outcomes[i] as Outcome;
      if (ok(outcome)) expect(ids, r.body).toEqual([outcome.messageId]);
    }
    expect(afterCrash.size).toBe([...afterCrash.values()].reduce((n, ids) => n + ids.length, 0));

    // Retry every reply without a 2xx, same key and body: 201 (replayed or first time).
    const toRetry = replies.filter((_, i) => !ok(outcomes[i] as Outcome));
    const retried = await inBatches(toRetry, 10, async (r) => {
      for (let attempt = 0; ; attempt++) {
        const o = await postForm(replyUrl(second.baseUrl, r), patientCookie, r.key, {
          body: r.body,
        });
        if (o.status !== 503 || attempt >= 5) return o;
        await new Promise((resolve) => setTimeout(resolve, 1000));
      }
    });
    expect(retried.map((o) => o.status)).toEqual(toRetry.map(() => 201));

    mark('retried');
    // Now every one of the 200 is stored exactly once, and each answer names the stored message.
    const final = await storedReplies(threadIds);
    expect(final.size).toBe(replyCount);
    for (const r of replies) expect(final.get(r.body)?.length, r.body).toBe(1);
    for (const [i, r] of toRetry.entries()) {
      expect(final.get(r.body), r.body).toEqual([retried[i]?.messageId]);
    }

    // Each thread's unread count for staff matches the patient messages nobody has read.
    const counts = await withClient(databaseUrl, async (c) => {
      const { rows } = await c.query<{ staff_unread: number; unread: number; total: number }>(
        `select t.staff_unread,
                (select count(*)::int from messages m where m.thread_id = t.id
                   and m.author = 'patient' and m.read_at is null) unread,
                (select count(*)::int from messages m where m.thread_id = t.id
                   and m.author = 'patient') total
         from message_threads t where t.id = any($1::uuid[])`,
        [threadIds],
      );
      return rows;
    });
    const perThread = replyCount / threadCount;
    expect(counts).toEqual(
      threadIds.map(() => ({ staff_unread: perThread, unread: perThread, total: perThread })),
    );

    console.log(
      `message durability: ${succeeded.length} 2xx before SIGKILL, ` +
        `${statuses.filter((s) => s === 503).length} 503, ${unanswered} unanswered; ` +
        `${afterCrash.size - succeeded.length} stored without an answer (replayed on retry); ` +
        phases.join(', '),
    );
  });
});
