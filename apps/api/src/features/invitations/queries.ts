import { and, desc, eq, gt, isNull } from 'drizzle-orm';
import type { InvitationChannel } from '@portico/contracts';
import type { Tx } from '../../platform/db/database.ts';
import { outbox } from '../../platform/outbox/tables.ts';
import { invitationCooldowns, invitations } from './tables.ts';
import { deliveryOf, outboxReference, type DeliveryState } from './rules.ts';

/** The statements of the invitations slice, each inside the caller's tenant transaction. */

export type InvitationRow = typeof invitations.$inferSelect;

/** The patient's current invitation: the latest one not superseded by a newer send. */
export async function currentInvitation(
  tx: Tx,
  practiceId: string,
  patientId: string,
): Promise<InvitationRow | null> {
  const [row] = await tx
    .select()
    .from(invitations)
    .where(
      and(
        eq(invitations.practiceId, practiceId),
        eq(invitations.patientId, patientId),
        isNull(invitations.supersededAt),
      ),
    )
    .orderBy(desc(invitations.sentAt))
    .limit(1);
  return row ?? null;
}

/** When the patient's invitations of the last 24 hours were sent (every send, superseded or not). */
export async function recentSendTimes(
  tx: Tx,
  practiceId: string,
  patientId: string,
  now: Date,
): Promise<Date[]> {
  const rows = await tx
    .select({ sentAt: invitations.sentAt })
    .from(invitations)
    .where(
      and(
        eq(invitations.practiceId, practiceId),
        eq(invitations.patientId, patientId),
        gt(invitations.sentAt, new Date(now.getTime() - 24 * 3_600_000)),
      ),
    );
  return rows.map((r) => r.sentAt);
}

/** Delivery state of each channel of an invitation, from its outbox rows. */
export async function deliveryStates(
  tx: Tx,
  practiceId: string,
  invitation: Pick<InvitationRow, 'id' | 'channels'>,
): Promise<{ channel: InvitationChannel; delivery: DeliveryState }[]> {
  const rows = await tx
    .select({ channel: outbox.channel, status: outbox.status })
    .from(outbox)
    .where(
      and(eq(outbox.practiceId, practiceId), eq(outbox.reference, outboxReference(invitation.id))),
    );
  return invitation.channels.map((channel) => {
    const row = rows.find((r) => r.channel === channel);
    return { channel, delivery: row ? deliveryOf(row.status) : 'queued' };
  });
}

/**
 * Serialises sends for one patient across processes: upserts the patient's cooldown row, then
 * locks it until the transaction ends. A second send waits here, then sees the first one's row.
 */
export async function lockCooldown(tx: Tx, practiceId: string, patientId: string): Promise<void> {
  await tx.insert(invitationCooldowns).values({ practiceId, patientId }).onConflictDoNothing();
  await tx
    .select({ patientId: invitationCooldowns.patientId })
    .from(invitationCooldowns)
    .where(
      and(
        eq(invitationCooldowns.practiceId, practiceId),
        eq(invitationCooldowns.patientId, patientId),
      ),
    )
    .for('update');
}

export async function recordSend(
  tx: Tx,
  practiceId: string,
  patientId: string,
  now: Date,
): Promise<void> {
  await tx
    .update(invitationCooldowns)
    .set({ lastSentAt: now })
    .where(
      and(
        eq(invitationCooldowns.practiceId, practiceId),
        eq(invitationCooldowns.patientId, patientId),
      ),
    );
}

/** Marks every earlier open invitation of the patient superseded (their links die). */
export async function supersedeInvitations(
  tx: Tx,
  practiceId: string,
  patientId: string,
  now: Date,
): Promise<void> {
  await tx
    .update(invitations)
    .set({ supersededAt: now })
    .where(
      and(
        eq(invitations.practiceId, practiceId),
        eq(invitations.patientId, patientId),
        isNull(invitations.supersededAt),
      ),
    );
}

/** Revokes the invitation if it is still current and not revoked; false when it changed meanwhile. */
export async function revokeInvitation(
  tx: Tx,
  practiceId: string,
  invitationId: string,
  now: Date,
): Promise<boolean> {
  const rows = await tx
    .update(invitations)
    .set({ revokedAt: now })
    .where(
      and(
        eq(invitations.practiceId, practiceId),
        eq(invitations.id, invitationId),
        isNull(invitations.revokedAt),
        isNull(invitations.supersededAt),
      ),
    )
    .returning({ id: invitations.id });
  return rows.length > 0;
}
