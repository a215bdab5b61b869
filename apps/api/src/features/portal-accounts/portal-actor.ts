import type { RequestMeta } from '../../platform/auth/context.ts';
import type { AuditActor } from '../../platform/audit/audit.ts';

/** The audit actor for something a portal account did. */
export const portalActor = (
  accountId: string,
  practiceId: string | null,
  meta: RequestMeta,
): AuditActor => ({
  practiceId,
  actorType: 'portal_account',
  actorId: accountId,
  meta,
});
