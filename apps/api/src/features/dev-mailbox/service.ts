import { and, desc, eq } from 'drizzle-orm';
import type { z } from 'zod';
import type { MailboxResponse, outboxPage } from '@portico/contracts';
import type { Database, Tx } from '../../platform/db/database.ts';
import { pageTotal, type CountedRows } from '../../platform/db/capped-count.ts';
import type { Clock } from '../../platform/clock.ts';
import type { StaffContext } from '../../platform/auth/context.ts';
import { requirePermission } from '../../platform/auth/roles.ts';
import { staffActor, writeAudit } from '../../platform/audit/audit.ts';
import { devMailbox, outbox } from '../../platform/outbox/tables.ts';

export type OutboxPage = z.infer<typeof outboxPage>;
export type DeliveryStatus = (typeof outbox.status.enumValues)[number];

export interface DevMailboxDeps {
  db: Database;
  clock: Clock;
  /** True when at least one channel delivers to the dev mailbox instead of a real server. */
  enabled: boolean;
}

/** Counting stops here; the page reports a lower bound beyond it. */
export const totalCap = 10_000;

export function createDevMailboxService({ db, clock, enabled }: DevMailboxDeps) {
  /** The practice's dev-mailbox messages, newest first. Admins only: messages carry sign-in links. */
  async function listMailbox(
    ctx: StaffContext,
    query: { page: number; pageSize: number },
  ): Promise<MailboxResponse> {
    requirePermission(ctx, 'mailbox.read');
    return db.tenant(ctx.practiceId, async (tx) => {
      const where = eq(devMailbox.practiceId, ctx.practiceId);
      const rows = await tx
        .select()
        .from(devMailbox)
        .where(where)
        .orderBy(desc(devMailbox.deliveredAt), desc(devMailbox.id))
        .limit(query.pageSize)
        .offset(offsetOf(query));
      const facts = await pageFacts(tx, { from: devMailbox, where, cap: totalCap }, query, rows);
      // Messages name their recipients: reading them is audited like any contact detail.
      await writeAudit(tx, staffActor(ctx), clock.now(), {
        action: 'dev_mailbox.read',
        entityType: 'dev_mailbox',
        details: { page: query.page, results: rows.length },
      });
      return {
        enabled,
        items: rows.map((r) => ({
          id: String(r.id),
          channel: r.channel,
          to: r.to,
          subject: r.subject,
          text: r.text,
          html: r.html,
          deliveredAt: r.deliveredAt.toISOString(),
        })),
        ...facts,
      };
    });
  }

  /** The practice's outgoing messages and their delivery state (dead letters included). Never the payloads. */
  async function listOutbox(
    ctx: StaffContext,
    query: { page: number; pageSize: number; status?: DeliveryStatus | undefined },
  ): Promise<OutboxPage> {
    requirePermission(ctx, 'outbox.read');
    return db.tenant(ctx.practiceId, async (tx) => {
      const where = and(
        eq(outbox.practiceId, ctx.practiceId),
        query.status ? eq(outbox.status, query.status) : undefined,
      );
      const rows = await tx
        .select({
          id: outbox.id,
          channel: outbox.channel,
          status: outbox.status,
          attempts: outbox.attempts,
          lastError: outbox.lastError,
          createdAt: outbox.createdAt,
        })
        .from(outbox)
        .where(where)
        .orderBy(desc(outbox.id))
        .limit(query.pageSize)
        .offset(offsetOf(query));
      return {
        items: rows.map((r) => ({ ...r, id: String(r.id), createdAt: r.createdAt.toISOString() })),
        ...(await pageFacts(tx, { from: outbox, where, cap: totalCap }, query, rows)),
      };
    });
  }

  return { listMailbox, listOutbox };
}

export type DevMailboxService = ReturnType<typeof createDevMailboxService>;

const offsetOf = (query: { page: number; pageSize: number }) => (query.page - 1) * query.pageSize;

/** Page number, size and the total (counted up to the cap, so a long history costs a bounded scan). */
async function pageFacts(
  tx: Tx,
  counted: CountedRows,
  query: { page: number; pageSize: number },
  rows: readonly unknown[],
) {
  const page = { offset: offsetOf(query), pageSize: query.pageSize, rowsReturned: rows.length };
  return { page: query.page, pageSize: query.pageSize, ...(await pageTotal(tx, counted, page)) };
}
