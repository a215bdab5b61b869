import type { StaffAuthService } from '../features/staff-auth/service.ts';
import { passwordLinkMinutes } from '../features/staff-auth/password-setup.ts';
import { AppError } from '../platform/errors.ts';

/**
 * Operator command `reset-staff-password`: a one-time link (60 minutes, only the newest works)
 * for a staff member to choose a new password. Completing it lifts a lock or a disabled password
 * and ends every session.
 */
export async function resetStaffPassword(
  staffAuth: StaffAuthService,
  publicUrl: string,
  email: string,
): Promise<{ link: string; validMinutes: number }> {
  const staffUserId = await staffAuth.staffUserIdByEmail(email);
  if (!staffUserId) throw new AppError('NOT_FOUND', 'No staff account has this email.');
  const validMinutes = passwordLinkMinutes.reset;
  const token = await staffAuth.issuePasswordSetup(staffUserId, { validMinutes });
  return { link: setPasswordLink(publicUrl, token), validMinutes };
}

export function setPasswordLink(publicUrl: string, token: string): string {
  return `${publicUrl}/practice/set-password?token=${token}`;
}
