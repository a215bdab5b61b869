import type { StaffRole } from '@portico/contracts';

/** Where a request came from; copied into audit events. Never holds PHI. */
export interface RequestMeta {
  ip: string | null;
  userAgent: string | null;
  requestId: string | null;
}

/** A signed-in staff member acting in one practice. Built by the staff-session hook. */
export interface StaffContext {
  kind: 'staff';
  practiceId: string;
  staffUserId: string;
  role: StaffRole;
  sessionId: string;
  meta: RequestMeta;
}

export const systemMeta: RequestMeta = { ip: null, userAgent: null, requestId: null };

/** A signed-in portal account acting for one patient record of one practice. Built by the portal guard. */
export interface PortalContext {
  kind: 'portal';
  accountId: string;
  sessionId: string;
  /** The record in use; null when the account has no record it may open (all end-dated). */
  practiceId: string | null;
  patientId: string | null;
  /** When the password (or a passkey) was last entered in this session. */
  reauthenticatedAt: Date;
  meta: RequestMeta;
}
