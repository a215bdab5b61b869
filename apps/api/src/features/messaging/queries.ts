import { and, asc, desc, eq, gt, inArray, isNull, like, or, sql, type SQL } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import type { InboxQuery, InboxThread, MessageView, PortalThread } from '@portico/contracts';
import type { Tx } from '../../platform/db/database.ts';
import { likePrefixPattern } from '../../platform/db/like.ts';
import { patients } from '../patients/tables.ts';
import { locations, providers } from '../directory/tables.ts';
import { staffUsers } from '../staff-auth/tables.ts';
import { messageAttachments, messages, messageThreads } from './tables.ts';
import { decodeCursor, encodeCursor } from './cursor.ts';

/**
 * Reads of the messaging slice. The inbox joins the patient, provider, location and assignee
 * for their labels (a departure from "another slice's service, not its tables", recorded in
 * ARCHITECTURE.md): one index range scan on message_threads and a handful of key lookups a page.
 */

const t = messageThreads;
const assignee = alias(staffUsers, 'assignee');

const threadColumns = {
  id: t.id,
  patientId: t.patientId,
  subject: t.subject,
  topic: t.topic,
  status: t.status,
  startedBy: t.startedBy,
  providerId: t.providerId,
  providerName: providers.displayName,
  locationId: t.locationId,
  locationName: locations.name,
  lastMessageAt: t.lastMessageAt,
  lastMessagePreview: t.lastMessagePreview,
  lastMessageAuthor: t.lastMessageAuthor,
  staffUnread: t.staffUnread,
  patientUnread: t.patientUnread,
  closedAt: t.closedAt,
};

type ThreadRow = {
  id: string;
  subject: string;
  topic: PortalThread['topic'];
  status: PortalThread['status'];
  startedBy: PortalThread['startedBy'];
  providerId: string | null;
  providerName: string | null;
  locationId: string | null;
  locationName: string | null;
  lastMessageAt: Date;
  lastMessagePreview: string;
  lastMessageAuthor: PortalThread['lastMessageAuthor'];
  closedAt: Date | null;
};

function threadView(row: ThreadRow, unreadCount: number): PortalThread {
  return {
    id: row.id,
    subject: row.subject,
    topic: row.topic,
    status: row.status,
    startedBy: row.startedBy,
    provider: row.providerId ? { id: row.providerId, name: row.providerName ?? '' } : null,
    location: row.locationId ? { id: row.locationId, name: row.locationName ?? '' } : null,
    lastMessageAt: row.lastMessageAt.toISOString(),
    lastMessagePreview: row.lastMessagePreview,
    lastMessageAuthor: row.lastMessageAuthor,
    unreadCount,
    closedAt: row.closedAt?.toISOString() ?? null,
  };
}

export function patientName(p: {
  firstName: string;
  lastName: string;
  preferredName: string | null;
}): string {
  return `${p.preferredName ?? p.firstName} ${p.lastName}`;
}

/** Newest first, after the cursor: `(last_message_at, id) < cursor`, one index range. */
function afterCursor(cursor: string | undefined): SQL | undefined {
  if (!cursor) return undefined;
  const c = decodeCursor(cursor);
  return sql`(${t.lastMessageAt}, ${t.id}) < (${c.lastMessageAt.toISOString()}::timestamptz, ${c.id}::uuid)`;
}

function nextCursorOf<R extends { lastMessageAt: Date; id: string }>(
  rows: R[],
  pageSize: number,
): { items: R[]; nextCursor: string | null } {
  const items = rows.slice(0, pageSize);
  const last = items.at(-1);
  return { items, nextCursor: rows.length > pageSize && last ? encodeCursor(last) : null };
}

function inboxConditions(tx: Tx, practiceId: string, staffUserId: string, q: InboxQuery): SQL[] {
  const where: (SQL | undefined)[] = [eq(t.practiceId, practiceId), afterCursor(q.cursor)];
  switch (q.filter) {
    case 'all':
      break;
    case 'unread':
      where.push(gt(t.staffUnread, 0));
      break;
    case 'mine':
      where.push(eq(t.assigneeStaffId, staffUserId));
      break;
    case 'unassigned':
      where.push(isNull(t.assigneeStaffId));
      break;
    case 'closed':
      where.push(eq(t.status, 'closed'));
      break;
  }
  if (q.providerId) where.push(eq(t.providerId, q.providerId));
  if (q.locationId) where.push(eq(t.locationId, q.locationId));
  if (q.patientId) where.push(eq(t.patientId, q.patientId));
  const text = q.q?.toLowerCase();
  if (text) {
    const pattern = likePrefixPattern(text);
    const matchingPatients = tx
      .select({ id: patients.id })
      .from(patients)
      .where(
        and(
          eq(patients.practiceId, practiceId),
          or(
            like(patients.searchLastName, pattern),
            like(patients.searchFirstName, pattern),
            like(patients.searchPreferredName, pattern),
            like(patients.searchMrn, pattern),
          ),
        ),
      );
    where.push(
      or(
        inArray(t.patientId, matchingPatients),
        like(t.searchSubject, pattern),
        like(t.searchSubject, `% ${pattern}`),
      ),
    );
  }
  return where.filter((c): c is SQL => c !== undefined);
}

/**
 * A page of the practice's inbox, newest activity first. The page is taken from message_threads
 * alone (one index range scan, `pageSize + 1` rows), then the labels are joined to those rows, so
 * no plan can start from the practice's patients (which, with stale statistics, read them all).
 */
export async function inboxPageInTx(
  tx: Tx,
  practiceId: string,
  staffUserId: string,
  q: InboxQuery,
): Promise<{ items: InboxThread[]; nextCursor: string | null }> {
  const page = tx
    .select({
      id: t.id,
      patientId: t.patientId,
      subject: t.subject,
      topic: t.topic,
      status: t.status,
      startedBy: t.startedBy,
      providerId: t.providerId,
      locationId: t.locationId,
      assigneeId: t.assigneeStaffId,
      lastMessageAt: t.lastMessageAt,
      lastMessagePreview: t.lastMessagePreview,
      lastMessageAuthor: t.lastMessageAuthor,
      staffUnread: t.staffUnread,
      closedAt: t.closedAt,
    })
    .from(t)
    .where(and(...inboxConditions(tx, practiceId, staffUserId, q)))
    .orderBy(desc(t.lastMessageAt), desc(t.id))
    .limit(q.pageSize + 1)
    .as('page');
  const rows = await tx
    .select({
      id: page.id,
      patientId: page.patientId,
      subject: page.subject,
      topic: page.topic,
      status: page.status,
      startedBy: page.startedBy,
      providerId: page.providerId,
      providerName: providers.displayName,
      locationId: page.locationId,
      locationName: locations.name,
      lastMessageAt: page.lastMessageAt,
      lastMessagePreview: page.lastMessagePreview,
      lastMessageAuthor: page.lastMessageAuthor,
      staffUnread: page.staffUnread,
      closedAt: page.closedAt,
      firstName: patients.firstName,
      lastName: patients.lastName,
      preferredName: patients.preferredName,
      mrn: patients.mrn,
      assigneeId: page.assigneeId,
      assigneeName: assignee.displayName,
    })
    .from(page)
    .innerJoin(patients, eq(patients.id, page.patientId))
    .leftJoin(providers, eq(providers.id, page.providerId))
    .leftJoin(locations, eq(locations.id, page.locationId))
    .leftJoin(assignee, eq(assignee.id, page.assigneeId))
    .orderBy(desc(page.lastMessageAt), desc(page.id));
  const result = nextCursorOf(rows, q.pageSize);
  return {
    nextCursor: result.nextCursor,
    items: result.items.map((r) => ({
      ...threadView(r, r.staffUnread),
      patient: { id: r.patientId, name: patientName(r), mrn: r.mrn },
      assignee: r.assigneeId ? { id: r.assigneeId, name: r.assigneeName ?? '' } : null,
    })),
  };
}

/** A page of one patient's threads, newest activity first (the portal's list). */
export async function patientThreadPageInTx(
  tx: Tx,
  practiceId: string,
  patientId: string,
  query: { cursor?: string | undefined; pageSize: number },
): Promise<{ items: PortalThread[]; nextCursor: string | null }> {
  const rows = await tx
    .select(threadColumns)
    .from(t)
    .leftJoin(providers, eq(providers.id, t.providerId))
    .leftJoin(locations, eq(locations.id, t.locationId))
    .where(
      and(
        eq(t.practiceId, practiceId),
        eq(t.patientId, patientId),
        ...[afterCursor(query.cursor)].filter((c): c is SQL => c !== undefined),
      ),
    )
    .orderBy(desc(t.lastMessageAt), desc(t.id))
    .limit(query.pageSize + 1);
  const page = nextCursorOf(rows, query.pageSize);
  return {
    nextCursor: page.nextCursor,
    items: page.items.map((r) => threadView(r, r.patientUnread)),
  };
}

/** One thread with the labels both sides show, or undefined (another practice's: RLS hides it). */
export async function threadInTx(tx: Tx, practiceId: string, threadId: string) {
  const [row] = await tx
    .select({
      ...threadColumns,
      firstName: patients.firstName,
      lastName: patients.lastName,
      preferredName: patients.preferredName,
      mrn: patients.mrn,
      endDate: patients.endDate,
      assigneeId: t.assigneeStaffId,
      assigneeName: assignee.displayName,
    })
    .from(t)
    .innerJoin(patients, eq(patients.id, t.patientId))
    .leftJoin(providers, eq(providers.id, t.providerId))
    .leftJoin(locations, eq(locations.id, t.locationId))
    .leftJoin(assignee, eq(assignee.id, t.assigneeStaffId))
    .where(and(eq(t.practiceId, practiceId), eq(t.id, threadId)));
  if (!row) return undefined;
  return {
    row,
    view: threadView(row, 0),
    patient: { id: row.patientId, name: patientName(row), mrn: row.mrn },
    assignee: row.assigneeId ? { id: row.assigneeId, name: row.assigneeName ?? '' } : null,
    readOnlyReason:
      row.endDate !== null
        ? ('end_dated' as const)
        : row.status === 'closed'
          ? ('closed' as const)
          : null,
  };
}

export type ThreadRecord = NonNullable<Awaited<ReturnType<typeof threadInTx>>>;

/** A thread's messages (or just `onlyMessageId`), oldest first, with authors' names and attachments. */
export async function threadMessagesInTx(
  tx: Tx,
  practiceId: string,
  threadId: string,
  patientDisplayName: string,
  onlyMessageId?: string,
): Promise<MessageView[]> {
  const rows = await tx
    .select({
      id: messages.id,
      author: messages.author,
      staffName: staffUsers.displayName,
      body: messages.body,
      createdAt: messages.createdAt,
      readAt: messages.readAt,
    })
    .from(messages)
    .leftJoin(staffUsers, eq(staffUsers.id, messages.staffUserId))
    .where(
      and(
        eq(messages.practiceId, practiceId),
        eq(messages.threadId, threadId),
        onlyMessageId ? eq(messages.id, onlyMessageId) : undefined,
      ),
    )
    .orderBy(asc(messages.createdAt), asc(messages.id));
  const files =
    rows.length === 0
      ? []
      : await tx
          .select()
          .from(messageAttachments)
          .where(
            and(
              eq(messageAttachments.practiceId, practiceId),
              inArray(
                messageAttachments.messageId,
                rows.map((r) => r.id),
              ),
            ),
          )
          .orderBy(asc(messageAttachments.messageId), asc(messageAttachments.position));
  return rows.map((r) => ({
    id: r.id,
    author: r.author,
    authorName: r.author === 'staff' ? (r.staffName ?? '') : patientDisplayName,
    body: r.body,
    sentAt: r.createdAt.toISOString(),
    readAt: r.readAt?.toISOString() ?? null,
    attachments: files
      .filter((f) => f.messageId === r.id)
      .map((f) => ({
        id: f.id,
        fileName: f.fileName,
        contentType: f.contentType,
        sizeBytes: f.sizeBytes,
      })),
  }));
}

/**
 * Marks the other side's unread messages as read (read receipts) and zeroes the thread's unread
 * count for `reader`. Writes nothing when there is nothing unread.
 */
export async function markReadInTx(
  tx: Tx,
  practiceId: string,
  thread: { id: string; staffUnread: number; patientUnread: number },
  reader: 'staff' | 'patient',
  now: Date,
): Promise<void> {
  const unread = reader === 'staff' ? thread.staffUnread : thread.patientUnread;
  if (unread === 0) return;
  const writtenBy = reader === 'staff' ? 'patient' : 'staff';
  await tx
    .update(messages)
    .set({ readAt: now })
    .where(
      and(
        eq(messages.practiceId, practiceId),
        eq(messages.threadId, thread.id),
        eq(messages.author, writtenBy),
        isNull(messages.readAt),
      ),
    );
  await tx
    .update(t)
    .set(reader === 'staff' ? { staffUnread: 0 } : { patientUnread: 0 })
    .where(and(eq(t.practiceId, practiceId), eq(t.id, thread.id)));
}

/** How many of the practice's threads have unread patient messages (console navigation badge). */
export async function staffUnreadThreadsInTx(tx: Tx, practiceId: string): Promise<number> {
  const [row] = await tx
    .select({ n: sql<number>`count(*)::int` })
    .from(
      sql`(select 1 from ${t} where ${t.practiceId} = ${practiceId} and ${t.staffUnread} > 0 limit 1000) as u`,
    );
  return row?.n ?? 0;
}

/** How many of the patient's threads have unread practice messages (portal navigation badge). */
export async function patientUnreadThreadsInTx(
  tx: Tx,
  practiceId: string,
  patientId: string,
): Promise<number> {
  const [row] = await tx
    .select({ n: sql<number>`count(*)::int` })
    .from(t)
    .where(and(eq(t.practiceId, practiceId), eq(t.patientId, patientId), gt(t.patientUnread, 0)));
  return row?.n ?? 0;
}
