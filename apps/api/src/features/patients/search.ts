import { and, eq, inArray, isNotNull, isNull, like, or, sql, type SQL } from 'drizzle-orm';
import type { AnyPgColumn } from 'drizzle-orm/pg-core';
import type { PortalStatus } from '@portico/contracts';
import type { Tx } from '../../platform/db/database.ts';
import { pageTotal, type CappedTotal } from '../../platform/db/capped-count.ts';
import { likeContainsPattern } from '../../platform/db/like.ts';
import {
  currentInvitationOf,
  portalStatusCondition,
  type CurrentInvitationColumns,
} from '../invitations/read-model.ts';
import type { NameMatch, PatientSearch } from './rules.ts';
import { patients } from './tables.ts';
import type { PatientSummaryRow } from './views.ts';

/** Counting stops here: beyond it the page says "10 000+" instead of scanning a huge practice. */
export const totalCap = 10_000;
/**
 * A search's count stops sooner: "1 000+" matches tells staff to refine, and counting thousands
 * of matches on every keystroke is what made broad searches slow at 100 000 patients.
 */
export const searchTotalCap = 1_000;

export type StatusFilter = 'active' | 'end_dated' | 'all';

/** Above every character, so `prefix + maxChar` bounds all strings that start with `prefix`. */
const maxChar = '\u{10FFFF}';

/**
 * `column` starts with `prefix`, as a byte-wise range. Only leakproof operators on a plain
 * column, so PostgreSQL can use the index under row-level security (LIKE and lower() are not
 * leakproof). User text is a bound parameter, never a pattern: wildcards match literally.
 */
const startsWith = (column: AnyPgColumn, prefix: string) =>
  sql`(${column} ~>=~ ${prefix} AND ${column} ~<~ ${prefix + maxChar})`;

/** Fragments cannot use a btree index: they scan the practice's rows (about 40 ms at 100 000). */
const contains = (column: AnyPgColumn, text: string) => like(column, likeContainsPattern(text));

function nameCondition(match: NameMatch): SQL | undefined {
  const first = match.first;
  return and(
    match.last === undefined ? undefined : startsWith(patients.searchLastName, match.last),
    first === undefined
      ? undefined
      : or(
          startsWith(patients.searchFirstName, first),
          startsWith(patients.searchPreferredName, first),
        ),
  );
}

/** The WHERE condition of a classified search (the query text itself never leaves this function). */
export function matchCondition(search: PatientSearch): SQL | undefined {
  switch (search.kind) {
    case 'all':
      return undefined;
    case 'dob':
      return eq(patients.dateOfBirth, search.date);
    case 'email':
      return startsWith(patients.searchEmail, search.prefix);
    case 'digits':
      // A full number is an indexed equality; a fragment scans the practice's rows (still fast at 100 000).
      return search.phoneKeys
        ? or(inArray(patients.phoneDigits, search.phoneKeys), eq(patients.mrn, search.digits))
        : or(
            contains(patients.phoneDigits, search.digits),
            contains(patients.searchMrn, search.digits),
          );
    case 'mrn':
      return startsWith(patients.searchMrn, search.prefix);
    case 'name':
      return or(...search.alternatives.map(nameCondition));
  }
}

function statusCondition(status: StatusFilter): SQL | undefined {
  switch (status) {
    case 'active':
      return isNull(patients.endDate);
    case 'end_dated':
      return isNotNull(patients.endDate);
    case 'all':
      return undefined;
  }
}

export interface SearchRow extends PatientSummaryRow {
  /** The invitations slice's read model of the patient's current invitation. */
  invitation: CurrentInvitationColumns;
}

export interface SearchPage extends CappedTotal {
  rows: SearchRow[];
}

/** Far above any practice's patient count: a LIMIT that only stops the subquery being flattened. */
const fenceRows = 2_147_483_647;

const listColumns = {
  id: patients.id,
  mrn: patients.mrn,
  firstName: patients.firstName,
  lastName: patients.lastName,
  preferredName: patients.preferredName,
  dateOfBirth: patients.dateOfBirth,
  email: patients.email,
  phone: patients.phone,
  endDate: patients.endDate,
  searchLastName: patients.searchLastName,
  searchFirstName: patients.searchFirstName,
};

/** Last name, first name, id, in the byte-wise order of the name index. */
function listOrder(source: {
  searchLastName: unknown;
  searchFirstName: unknown;
  id: unknown;
}): SQL[] {
  return [
    sql`${source.searchLastName} USING ~<~`,
    sql`${source.searchFirstName} USING ~<~`,
    sql`${source.id}`,
  ];
}

/**
 * Whether an index finds the matches. Otherwise (the whole list, or a phone or MRN fragment
 * that matches anywhere in the alphabet) walking the name index in order finds a page soonest.
 * A portal status other than "not invited" selects the (few) invited patients first, then sorts.
 */
function isIndexed(search: PatientSearch, portalStatus: PortalStatus | undefined): boolean {
  if (portalStatus !== undefined && portalStatus !== 'not_invited') return true;
  return search.kind !== 'all' && !(search.kind === 'digits' && search.phoneKeys === null);
}

function pageQuery(
  tx: Tx,
  where: SQL | undefined,
  indexed: boolean,
  limit: number,
  offset: number,
) {
  if (!indexed) {
    // An ordered walk of the name index, filtering as it goes, until one page is found.
    return tx
      .select(listColumns)
      .from(patients)
      .where(where)
      .orderBy(...listOrder(patients))
      .limit(limit)
      .offset(offset);
  }
  // A search: a LIMIT (never reached) keeps the condition in its own plan (index and bitmap
  // scans), then the matches are sorted. Without it the planner may walk the name index hoping to
  // meet 25 matches early, reading most of a large practice when they sit late in the alphabet.
  // (Drizzle drops OFFSET 0, the usual fence.)
  const matches = tx.select(listColumns).from(patients).where(where).limit(fenceRows).as('matches');
  return tx
    .select()
    .from(matches)
    .orderBy(...listOrder(matches))
    .limit(limit)
    .offset(offset);
}

const noInvitation: CurrentInvitationColumns = {
  sentAt: null,
  expiresAt: null,
  revokedAt: null,
  openedAt: null,
  registrationStep: null,
  completedAt: null,
};

/**
 * The page, then each of its rows' current invitation by a lateral join, in one statement: only
 * the rows shown are joined, so an unfiltered list costs one index probe per row more.
 */
async function pageRows(
  tx: Tx,
  practiceId: string,
  query: { where: SQL | undefined; indexed: boolean; limit: number; offset: number },
): Promise<SearchRow[]> {
  const page = pageQuery(tx, query.where, query.indexed, query.limit, query.offset).as('page');
  const invitation = currentInvitationOf(tx, practiceId, page.id);
  const rows = await tx
    .select({
      id: page.id,
      mrn: page.mrn,
      firstName: page.firstName,
      lastName: page.lastName,
      preferredName: page.preferredName,
      dateOfBirth: page.dateOfBirth,
      email: page.email,
      phone: page.phone,
      endDate: page.endDate,
      invitation: {
        sentAt: invitation.sentAt,
        expiresAt: invitation.expiresAt,
        revokedAt: invitation.revokedAt,
        openedAt: invitation.openedAt,
        registrationStep: invitation.registrationStep,
        completedAt: invitation.completedAt,
      },
    })
    .from(page)
    .leftJoinLateral(invitation, sql`true`)
    .orderBy(...listOrder(page));
  return rows.map((row) => ({ ...row, invitation: row.invitation ?? noInvitation }));
}

/** One page of patients ordered by last name, first name, id; total counted up to `totalCap`. */
export async function searchPatients(
  tx: Tx,
  practiceId: string,
  request: {
    search: PatientSearch;
    status: StatusFilter;
    /** Only patients with this portal status at `now`. */
    portalStatus?: PortalStatus;
    now: Date;
    page: number;
    pageSize: number;
    cap?: number;
  },
): Promise<SearchPage> {
  const cap = request.cap ?? (request.search.kind === 'all' ? totalCap : searchTotalCap);
  const match = matchCondition(request.search);
  const { portalStatus } = request;
  const where = and(
    eq(patients.practiceId, practiceId),
    statusCondition(request.status),
    match,
    portalStatus === undefined
      ? undefined
      : portalStatusCondition(tx, practiceId, patients.id, portalStatus, request.now),
  );
  const offset = (request.page - 1) * request.pageSize;
  const rows = await pageRows(tx, practiceId, {
    where,
    indexed: isIndexed(request.search, portalStatus),
    limit: request.pageSize,
    offset,
  });
  const total = await pageTotal(
    tx,
    { from: patients, where, cap },
    { offset, pageSize: request.pageSize, rowsReturned: rows.length },
  );
  return { rows, ...total };
}
