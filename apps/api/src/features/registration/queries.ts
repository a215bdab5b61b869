import { and, eq, sql } from 'drizzle-orm';
import type { Tx } from '../../platform/db/database.ts';
import { invitations } from '../invitations/tables.ts';
import { patients } from '../patients/tables.ts';
import { practices } from '../practices/tables.ts';
import { portalAccess, portalAccounts } from '../portal-accounts/tables.ts';
import { registrations } from './tables.ts';

/**
 * Data access of the registration flow. It runs in `db.system` (the link is all we know before
 * the practice, and accounts are global); every statement names the practice where it has one.
 */

export interface LinkRow {
  invitation: {
    id: string;
    practiceId: string;
    patientId: string;
    expiresAt: Date;
    supersededAt: Date | null;
    revokedAt: Date | null;
    openedAt: Date | null;
    completedAt: Date | null;
  };
  patient: {
    firstName: string;
    dateOfBirth: string;
    endDate: string | null;
    email: string | null;
    phone: string | null;
  };
  practice: { name: string; slug: string; timeZone: string };
}

/**
 * The invitation whose token hashes to `tokenHash`, with its patient and practice. With `lock`,
 * the invitation row is locked (`FOR UPDATE OF invitations`), so the steps of one link run one at
 * a time (two devices, double clicks).
 */
export async function linkByTokenHash(
  tx: Tx,
  tokenHash: string,
  lock: boolean,
): Promise<LinkRow | null> {
  const query = tx
    .select({
      invitation: {
        id: invitations.id,
        practiceId: invitations.practiceId,
        patientId: invitations.patientId,
        expiresAt: invitations.expiresAt,
        supersededAt: invitations.supersededAt,
        revokedAt: invitations.revokedAt,
        openedAt: invitations.openedAt,
        completedAt: invitations.completedAt,
      },
      patient: {
        firstName: patients.firstName,
        dateOfBirth: patients.dateOfBirth,
        endDate: patients.endDate,
        email: patients.email,
        phone: patients.phone,
      },
      practice: { name: practices.name, slug: practices.slug, timeZone: practices.timeZone },
    })
    .from(invitations)
    .innerJoin(
      patients,
      and(eq(patients.practiceId, invitations.practiceId), eq(patients.id, invitations.patientId)),
    )
    .innerJoin(practices, eq(practices.id, invitations.practiceId))
    .where(eq(invitations.tokenHash, tokenHash));
  const [row] = lock ? await query.for('update', { of: invitations }) : await query;
  return row ?? null;
}

export type RegistrationRow = typeof registrations.$inferSelect;

export async function registrationOf(
  tx: Tx,
  invitationId: string,
): Promise<RegistrationRow | null> {
  const [row] = await tx
    .select()
    .from(registrations)
    .where(eq(registrations.invitationId, invitationId));
  return row ?? null;
}

export async function saveRegistration(
  tx: Tx,
  link: LinkRow,
  values: Partial<Omit<RegistrationRow, 'invitationId' | 'practiceId' | 'patientId'>>,
  now: Date,
): Promise<RegistrationRow> {
  const [row] = await tx
    .insert(registrations)
    .values({
      invitationId: link.invitation.id,
      practiceId: link.invitation.practiceId,
      patientId: link.invitation.patientId,
      createdAt: now,
      ...values,
      updatedAt: now,
    })
    .onConflictDoUpdate({ target: registrations.invitationId, set: { ...values, updatedAt: now } })
    .returning();
  if (!row) throw new Error('saveRegistration: nothing returned');
  return row;
}

/** Marks the invitation opened (first visit) and/or at a step, or completed (the link dies). */
export async function updateInvitation(
  tx: Tx,
  link: LinkRow,
  values: Partial<Pick<typeof invitations.$inferSelect, 'registrationStep' | 'completedAt'>>,
): Promise<void> {
  await tx
    .update(invitations)
    .set(values)
    .where(
      and(
        eq(invitations.practiceId, link.invitation.practiceId),
        eq(invitations.id, link.invitation.id),
      ),
    );
}

/** Sets `opened_at` on the first visit only; true when this call did. */
export async function markOpened(tx: Tx, link: LinkRow, now: Date): Promise<boolean> {
  const rows = await tx
    .update(invitations)
    .set({ openedAt: now })
    .where(
      and(
        eq(invitations.practiceId, link.invitation.practiceId),
        eq(invitations.id, link.invitation.id),
        sql`${invitations.openedAt} is null`,
      ),
    )
    .returning({ id: invitations.id });
  return rows.length > 0;
}

export type AccountRow = typeof portalAccounts.$inferSelect;

export async function accountByEmail(tx: Tx, email: string): Promise<AccountRow | null> {
  const [row] = await tx
    .select()
    .from(portalAccounts)
    .where(sql`lower(${portalAccounts.email}) = ${email.toLowerCase()}`);
  return row ?? null;
}

export async function lockAccount(tx: Tx, accountId: string): Promise<AccountRow | null> {
  const [row] = await tx
    .select()
    .from(portalAccounts)
    .where(eq(portalAccounts.id, accountId))
    .for('update');
  return row ?? null;
}

/** Creates a verified account; null when the email got an account meanwhile (a concurrent registration). */
export async function createAccount(
  tx: Tx,
  values: { email: string; passwordHash: string; termsAcceptedAt: Date },
  now: Date,
): Promise<string | null> {
  const [row] = await tx
    .insert(portalAccounts)
    .values({ ...values, emailVerifiedAt: now, createdAt: now })
    .onConflictDoNothing()
    .returning({ id: portalAccounts.id });
  return row?.id ?? null;
}

export async function updateAccount(
  tx: Tx,
  accountId: string,
  values: Partial<
    Pick<
      AccountRow,
      'phone' | 'phoneVerifiedAt' | 'failedSignIns' | 'lockedUntil' | 'passwordDisabled'
    >
  >,
): Promise<void> {
  await tx.update(portalAccounts).set(values).where(eq(portalAccounts.id, accountId));
}

/** Whether the patient already has a `self` portal access (another account registered them). */
export async function hasSelfAccess(tx: Tx, practiceId: string, patientId: string) {
  const [row] = await tx
    .select({ accountId: portalAccess.accountId })
    .from(portalAccess)
    .where(
      and(
        eq(portalAccess.practiceId, practiceId),
        eq(portalAccess.patientId, patientId),
        eq(portalAccess.relationship, 'self'),
      ),
    );
  return row !== undefined;
}

export async function grantSelfAccess(
  tx: Tx,
  ids: { practiceId: string; patientId: string; accountId: string },
  now: Date,
): Promise<void> {
  await tx.insert(portalAccess).values({ ...ids, relationship: 'self', createdAt: now });
}
