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
