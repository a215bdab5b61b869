import { sql, type SQL } from 'drizzle-orm';
import type { PgTable } from 'drizzle-orm/pg-core';
import type { Tx } from './database.ts';

/** A list's total as a page shows it: exact up to the cap, beyond it "cap+" (a lower bound). */
export interface CappedTotal {
  total: number;
  totalIsLowerBound: boolean;
}

/** The rows a count reads (`from` filtered by `where`), and where counting stops. */
export interface CountedRows {
  from: PgTable;
  where: SQL | undefined;
  cap: number;
}

/** One page of a list: where it starts and how many rows it asked for and got. */
export interface PageShape {
  offset: number;
  pageSize: number;
  rowsReturned: number;
}

/** `counted` rows shown against `cap` (counting one past the cap is enough to know it is exceeded). */
export function capTotal(counted: number, cap: number): CappedTotal {
  return { total: Math.min(counted, cap), totalIsLowerBound: counted > cap };
}

/**
 * The exact total a page tells without counting, or null when it cannot: a short page that is
 * not past the end is the last one, so the total is everything before it plus its rows.
 */
export function totalShownByPage(page: PageShape): number | null {
  const full = page.rowsReturned === page.pageSize;
  const pastTheEnd = page.rowsReturned === 0 && page.offset > 0;
  return full || pastTheEnd ? null : page.offset + page.rowsReturned;
}

/** Counts matching rows up to one past the cap, so a huge table costs a bounded scan. */
export async function cappedCount(tx: Tx, rows: CountedRows): Promise<CappedTotal> {
  const capped = tx
    .select({ one: sql`1` })
    .from(rows.from)
    .where(rows.where)
    .limit(rows.cap + 1)
    .as('capped');
  const [row] = await tx.select({ n: sql<number>`count(*)::int` }).from(capped);
  return capTotal(row?.n ?? 0, rows.cap);
}

/** The total to show beside a page: taken from the page when it tells it, otherwise counted. */
export async function pageTotal(tx: Tx, rows: CountedRows, page: PageShape): Promise<CappedTotal> {
  const shown = totalShownByPage(page);
  return shown === null ? cappedCount(tx, rows) : capTotal(shown, rows.cap);
}
