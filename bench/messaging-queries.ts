// The statements the messaging read endpoints run (captured from PostgreSQL's statement log with
// log_min_duration_statement = 0, Drizzle's text verbatim), the benchmark cases built on them,
// a same-rows check of each API answer against its bare statements, and the tenant-role plans.
import pg from 'pg';
import { runBare, type BareRequest } from './bare-pg-load.ts';
import type { MessagingBenchDatabase } from './messaging-seed.ts';

const mt = '"message_threads"';
const threadCols = `${mt}."id", ${mt}."patient_id", ${mt}."subject", ${mt}."topic", ${mt}."status", ${mt}."started_by", ${mt}."provider_id", "providers"."display_name", ${mt}."location_id", "locations"."name", ${mt}."last_message_at", ${mt}."last_message_preview", ${mt}."last_message_author", ${mt}."staff_unread", ${mt}."patient_unread", ${mt}."closed_at"`;
const labelJoins = `left join "providers" on "providers"."id" = ${mt}."provider_id" left join "locations" on "locations"."id" = ${mt}."location_id"`;
const staffJoins = `inner join "patients" on "patients"."id" = ${mt}."patient_id" ${labelJoins} left join "staff_users" "assignee" on "assignee"."id" = ${mt}."assignee_staff_id"`;
const newestFirst = `order by ${mt}."last_message_at" desc, ${mt}."id" desc`;

export const sql = {
  inbox: `select ${threadCols}, "patients"."first_name", "patients"."last_name", "patients"."preferred_name", "patients"."mrn", ${mt}."assignee_staff_id", "assignee"."display_name" from ${mt} ${staffJoins} where ${mt}."practice_id" = $1 ${newestFirst} limit $2`,
  patientThreads: `select ${threadCols} from ${mt} ${labelJoins} where (${mt}."practice_id" = $1 and ${mt}."patient_id" = $2) ${newestFirst} limit $3`,
  thread: `select ${threadCols}, "patients"."first_name", "patients"."last_name", "patients"."preferred_name", "patients"."mrn", "patients"."end_date", ${mt}."assignee_staff_id", "assignee"."display_name" from ${mt} ${staffJoins} where (${mt}."practice_id" = $1 and ${mt}."id" = $2)`,
  messages: `select "messages"."id", "messages"."author", "staff_users"."display_name", "messages"."body", "messages"."created_at", "messages"."read_at" from "messages" left join "staff_users" on "staff_users"."id" = "messages"."staff_user_id" where ("messages"."practice_id" = $1 and "messages"."thread_id" = $2) order by "messages"."created_at" asc, "messages"."id" asc`,
  attachments: (n: number) =>
    `select "id", "practice_id", "message_id", "thread_id", "storage_key", "file_name", "content_type", "size_bytes", "position", "created_at" from "message_attachments" where ("message_attachments"."practice_id" = $1 and "message_attachments"."message_id" in (${Array.from({ length: n }, (_, i) => `$${i + 2}`).join(', ')})) order by "message_attachments"."message_id" asc, "message_attachments"."position" asc`,
  settings: `select "practice_id", "policy", "auto_close_hours", "guideline_banner", "version", "updated_at" from "messaging_settings" where "messaging_settings"."practice_id" = $1`,
};

export interface MessagingCase {
  name: string;
  url: string;
  headers: Record<string, string>;
  bare: BareRequest;
  /** Ids in the API answer, in order (compared with the bare rows). */
  idsOf: (body: unknown) => string[];
  bareIds: (results: pg.QueryResult[]) => string[];
}

type Items = { items: { id: string }[] };
type Detail = { messages: { id: string }[] };
const ids = (rows: { id: string }[]) => rows.map((r) => r.id);

export async function messagingCases(
  db: MessagingBenchDatabase,
  baseUrl: string,
  cookies: { staffCookie: string; patientCookie: string },
): Promise<MessagingCase[]> {
  const { practiceId: p, thread, patient } = db;
  const messageIds = await withDb(db.url, async (c) =>
    ids((await c.query<{ id: string }>(sql.messages, [p, thread.id])).rows),
  );
  const threadView: BareRequest = [
    { name: 'thread', text: sql.thread, values: [p, thread.id] },
    { name: 'messages', text: sql.messages, values: [p, thread.id] },
    {
      name: `attachments_${messageIds.length}`,
      text: sql.attachments(messageIds.length),
      values: [p, ...messageIds],
    },
  ];
  const detailIds = (b: unknown) => ids((b as Detail).messages);
  const messageRows = (r: pg.QueryResult[]) => ids((r[1]?.rows ?? []) as { id: string }[]);
  return [
    {
      name: 'staff inbox, first page (25)',
      url: `${baseUrl}/api/practice/messages/threads?pageSize=25`,
      headers: { cookie: cookies.staffCookie },
      bare: [{ name: 'inbox', text: sql.inbox, values: [p, 26] }],
      idsOf: (b) => ids((b as Items).items),
      bareIds: (r) => ids((r[0]?.rows ?? []) as { id: string }[]).slice(0, 25),
    },
    {
      name: `patient thread list (${patient.threads} threads)`,
      url: `${baseUrl}/api/portal/messages/threads`,
      headers: { cookie: cookies.patientCookie },
      bare: [{ name: 'patient_threads', text: sql.patientThreads, values: [p, patient.id, 26] }],
      idsOf: (b) => ids((b as Items).items),
      bareIds: (r) => ids((r[0]?.rows ?? []) as { id: string }[]).slice(0, 25),
    },
    {
      name: `portal thread view (${thread.messages} messages)`,
      url: `${baseUrl}/api/portal/messages/threads/${thread.id}`,
      headers: { cookie: cookies.patientCookie },
      bare: [...threadView, { name: 'settings', text: sql.settings, values: [p] }],
      idsOf: detailIds,
      bareIds: messageRows,
    },
    {
      name: `staff thread view (${thread.messages} messages)`,
      url: `${baseUrl}/api/practice/messages/threads/${thread.id}`,
      headers: { cookie: cookies.staffCookie },
      bare: threadView,
      idsOf: detailIds,
      bareIds: messageRows,
    },
  ];
}

async function withDb<T>(url: string, fn: (c: pg.Client) => Promise<T>): Promise<T> {
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  try {
    return await fn(c);
  } finally {
    await c.end();
  }
}

/** Fails unless the API answers 200 with exactly the rows the bare statements return. */
export async function checkSameRows(url: string, c: MessagingCase): Promise<void> {
  const res = await fetch(c.url, { headers: c.headers });
  if (res.status !== 200) throw new Error(`${c.name}: ${res.status} ${await res.text()}`);
  const api = c.idsOf(await res.json());
  const bare = c.bareIds(await withDb(url, (client) => runBare(client, c.bare)));
  if (api.length === 0 || JSON.stringify(api) !== JSON.stringify(bare))
    throw new Error(`${c.name}: API rows ${api.join(',')} ≠ bare rows ${bare.join(',')}`);
}

/** EXPLAIN (ANALYZE, BUFFERS) as the tenant role, as the API runs them (prepared, custom plan). */
export async function explainTenant(db: MessagingBenchDatabase): Promise<string[]> {
  const p = db.practiceId;
  const plans: [string, string, unknown[]][] = [
    ['staff inbox, first page', sql.inbox, [p, 26]],
    ['patient thread list', sql.patientThreads, [p, db.patient.id, 26]],
    ['thread messages', sql.messages, [p, db.thread.id]],
  ];
  return withDb(db.url, async (c) => {
    await c.query(`SET ROLE portico_app; SELECT set_config('app.practice_id', '${p}', false)`);
    const out: string[] = [];
    for (const [name, text, values] of plans) {
      const plan = await c.query<{ 'QUERY PLAN': string }>(
        `EXPLAIN (ANALYZE, BUFFERS) ${text}`,
        values,
      );
      out.push(`-- ${name}`, ...plan.rows.map((r) => r['QUERY PLAN']));
    }
    return out;
  });
}
