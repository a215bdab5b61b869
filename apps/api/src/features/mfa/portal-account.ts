import { and, eq, isNull } from 'drizzle-orm';
import type { Tx } from '../../platform/db/database.ts';
import type { PortalContext } from '../../platform/auth/context.ts';
import { AppError } from '../../platform/errors.ts';
import type { AuditActor } from '../../platform/audit/audit.ts';
// The portal-accounts slice owns these tables; it publishes no service for these reads yet.
import { portalAccounts, portalSessions } from '../portal-accounts/tables.ts';
import type { SubjectRef } from './factor-store.ts';

export interface PortalAccountContact {
  id: string;
  email: string;
  /** The verified mobile number, or null. */
  phone: string | null;
}

export async function portalAccountContact(
  tx: Tx,
  accountId: string,
): Promise<PortalAccountContact> {
  const [row] = await tx
    .select({
      id: portalAccounts.id,
      email: portalAccounts.email,
      phone: portalAccounts.phone,
      phoneVerifiedAt: portalAccounts.phoneVerifiedAt,
    })
    .from(portalAccounts)
    .where(eq(portalAccounts.id, accountId));
  if (!row) throw new AppError('UNAUTHENTICATED', 'Please sign in.');
  return {
    id: row.id,
    email: row.email,
    phone: row.phone && row.phoneVerifiedAt ? row.phone : null,
  };
}

export const portalSubject = (accountId: string): SubjectRef => ({ type: 'portal', id: accountId });

export function portalActor(ctx: PortalContext): AuditActor {
  return {
    practiceId: ctx.practiceId,
    actorType: 'portal_account',
    actorId: ctx.accountId,
    meta: ctx.meta,
  };
}

/** Ends one portal session (too many wrong second-factor codes). */
export async function endPortalSession(
  tx: Tx,
  sessionId: string,
  reason: string,
  now: Date,
): Promise<void> {
  await tx
    .update(portalSessions)
    .set({ endedAt: now, endReason: reason })
    .where(and(eq(portalSessions.id, sessionId), isNull(portalSessions.endedAt)));
}
