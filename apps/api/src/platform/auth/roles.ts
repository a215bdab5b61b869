import type { StaffRole } from '@portico/contracts';
import { AppError } from '../errors.ts';
import type { StaffContext } from './context.ts';

/** What each staff role may do. Checked in services, not only in routes. */
export const staffPermissions = {
  'patients.read': ['admin', 'clinician', 'front_desk', 'billing'],
  'patients.write': ['admin', 'clinician', 'front_desk'],
  'patients.import': ['admin', 'front_desk'],
  'patients.end_date': ['admin', 'front_desk'],
  'directory.write': ['admin'],
  'audit.read': ['admin'],
  // The dev mailbox holds whole messages, sign-in and password links included.
  'mailbox.read': ['admin'],
  'outbox.read': ['admin'],
  'settings.write': ['admin'],
  /** The practice's staff list (names, emails, roles). */
  'staff.read': ['admin', 'clinician', 'front_desk'],
  /** Send, re-send, preview and revoke a patient's portal invitation. */
  'invitations.send': ['admin', 'clinician', 'front_desk'],
  /** Create and edit the practice's invitation templates. */
  'invitations.templates': ['admin'],
  /** The inbox, threads and attachments; start, reply, assign, close. */
  'messages.read': ['admin', 'clinician', 'front_desk', 'billing'],
  'messages.send': ['admin', 'clinician', 'front_desk', 'billing'],
  /** One message to many patients. */
  'messages.bulk': ['admin', 'front_desk'],
} as const satisfies Record<string, readonly StaffRole[]>;

export type StaffPermission = keyof typeof staffPermissions;

export function can(role: StaffRole, permission: StaffPermission): boolean {
  return (staffPermissions[permission] as readonly StaffRole[]).includes(role);
}

export function requirePermission(ctx: StaffContext, permission: StaffPermission): void {
  if (!can(ctx.role, permission)) {
    throw new AppError('FORBIDDEN', 'Your role does not allow this action.');
  }
}
