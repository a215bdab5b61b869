import type { MfaStatus } from '@portico/contracts';
import { isApiError } from '../../ui/api-client.ts';

/**
 * Where a staff session without its (mandatory) second factor stands, from `GET
 * /api/practice/mfa`: it answers the status while the staff member has no factor to give yet
 * (enrollment), and MFA_REQUIRED when one must be given (verify).
 */
export type SecondFactorStage = 'enroll' | 'verify' | 'complete' | 'signed_out' | 'error';

export function secondFactorStage(
  probe: { status: MfaStatus } | { error: unknown },
): SecondFactorStage {
  if ('status' in probe) return probe.status.enrollmentRequired ? 'enroll' : 'complete';
  const { error } = probe;
  if (isApiError(error, 'MFA_REQUIRED')) return 'verify';
  if (isApiError(error) && error.status === 401) return 'signed_out';
  return 'error';
}
