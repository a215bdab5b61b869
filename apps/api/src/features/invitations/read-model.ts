import { and, desc, eq, inArray, isNotNull, isNull, notExists, sql, type SQL } from 'drizzle-orm';
import type { AnyPgColumn } from 'drizzle-orm/pg-core';
import type { PortalStatus } from '@portico/contracts';
import type { Tx } from '../../platform/db/database.ts';
import { portalStatusOf, type InvitationFacts } from './rules.ts';
import { invitations } from './tables.ts';

/**
 * The invitations slice's published read model: each patient's current invitation (the latest one
 * not superseded) and the portal status it gives. The patient list uses it to show and filter the
 * status; it is the one sanctioned way another slice reads the `invitations` table (ARCHITECTURE.md,
 * Invitations). Both queries run inside the caller's tenant transaction and follow
 * `invitations_practice_patient_idx` (practice_id, patient_id, sent_at).
 */

/** The facts of a current invitation, as the lateral join gives them (all null: none). */
export interface CurrentInvitationColumns {
  sentAt: Date | null;
  expiresAt: Date | null;
  revokedAt: Date | null;
  openedAt: Date | null;
  registrationStep: number | null;
  completedAt: Date | null;
}

const factColumns = {
  sentAt: invitations.sentAt,
  expiresAt: invitations.expiresAt,
  revokedAt: invitations.revokedAt,
  openedAt: invitations.openedAt,
  registrationStep: invitations.registrationStep,
  completedAt: invitations.completedAt,
};

const current = (practiceId: string) =>
  and(eq(invitations.practiceId, practiceId), isNull(invitations.supersededAt));

/**
 * The current invitation of the patient whose id is `patientId` (a column of the outer query),
 * for `leftJoinLateral(currentInvitationOf(…), sql\`true\`)`: one index probe per row joined.
 */
export function currentInvitationOf(tx: Tx, practiceId: string, patientId: AnyPgColumn | SQL) {
  return tx
    .select(factColumns)
    .from(invitations)
    .where(and(current(practiceId), eq(invitations.patientId, patientId)))
    .orderBy(desc(invitations.sentAt))
    .limit(1)
    .as('current_invitation');
}

/** The portal status at `now` from the joined columns (no current invitation: not invited). */
export function portalStatusFrom(columns: CurrentInvitationColumns, now: Date): PortalStatus {
  const { expiresAt } = columns;
  const facts: InvitationFacts | null =
    expiresAt === null
      ? null
      : {
          expiresAt,
          revokedAt: columns.revokedAt,
          openedAt: columns.openedAt,
          registrationStep: columns.registrationStep,
          completedAt: columns.completedAt,
        };
  return portalStatusOf(facts, now);
}

/**
 * Patients (their id in `patientId`) whose portal status at `now` is `status`: the SQL twin of
 * `portalStatusOf` (patients/patients-portal-status.int.test.ts checks they agree).
 */
export function portalStatusCondition(
  tx: Tx,
  practiceId: string,
  patientId: AnyPgColumn,
  status: PortalStatus,
  now: Date,
): SQL {
  if (status === 'not_invited') {
    return notExists(
      tx
        .select({ one: sql`1` })
        .from(invitations)
        .where(and(current(practiceId), eq(invitations.patientId, patientId))),
    );
  }
  const latest = tx
    .selectDistinctOn([invitations.patientId], { patientId: invitations.patientId, ...factColumns })
    .from(invitations)
    .where(current(practiceId))
    .orderBy(invitations.patientId, desc(invitations.sentAt))
    .as('current_invitations');
  const at = now.toISOString();
  const live = and(isNull(latest.completedAt), isNull(latest.revokedAt));
  const unexpired = and(live, sql`${latest.expiresAt} > ${at}::timestamptz`);
  const predicate = (): SQL | undefined => {
    switch (status) {
      case 'registered':
        return isNotNull(latest.completedAt);
      case 'revoked':
        return and(isNull(latest.completedAt), isNotNull(latest.revokedAt));
      case 'expired':
        return and(live, sql`${latest.expiresAt} <= ${at}::timestamptz`);
      case 'registering':
        return and(unexpired, isNotNull(latest.registrationStep));
      case 'opened':
        return and(unexpired, isNull(latest.registrationStep), isNotNull(latest.openedAt));
      case 'invited':
        return and(unexpired, isNull(latest.registrationStep), isNull(latest.openedAt));
    }
  };
  return inArray(
    patientId,
    tx.select({ patientId: latest.patientId }).from(latest).where(predicate()),
  );
}
