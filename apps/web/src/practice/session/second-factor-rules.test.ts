import { describe, expect, it } from 'vitest';
import type { MfaStatus } from '@portico/contracts';
import { ApiError } from '../../ui/api-client.ts';
import { secondFactorStage } from './second-factor-rules.ts';

const status = (enrollmentRequired: boolean): MfaStatus => ({
  totp: { enabled: !enrollmentRequired, createdAt: null },
  sms: { enabled: false, available: false, phone: null },
  passkeys: [],
  recoveryCodesLeft: enrollmentRequired ? 0 : 10,
  enrollmentRequired,
});

const apiError = (status: number, code: ConstructorParameters<typeof ApiError>[0]['code']) =>
  new ApiError({ status, code, message: 'x' });

describe('secondFactorStage (which screen a session without its second factor sees)', () => {
  it('asks to set up a factor when the status says enrollment is required', () => {
    expect(secondFactorStage({ status: status(true) })).toBe('enroll');
  });

  it('asks for the second factor when the probe answers MFA_REQUIRED', () => {
    expect(secondFactorStage({ error: apiError(401, 'MFA_REQUIRED') })).toBe('verify');
  });

  it('treats a status without enrollment as a session completed meanwhile', () => {
    expect(secondFactorStage({ status: status(false) })).toBe('complete');
  });

  it('sends other 401s (ended, expired) to sign in', () => {
    expect(secondFactorStage({ error: apiError(401, 'UNAUTHENTICATED') })).toBe('signed_out');
    expect(secondFactorStage({ error: apiError(401, 'SESSION_EXPIRED') })).toBe('signed_out');
  });

  it('shows anything else (network, server errors, a 403) as an error to retry', () => {
    expect(secondFactorStage({ error: apiError(0, 'NETWORK') })).toBe('error');
    expect(secondFactorStage({ error: apiError(500, 'INTERNAL') })).toBe('error');
    expect(secondFactorStage({ error: apiError(403, 'MFA_ENROLLMENT_REQUIRED') })).toBe('error');
    expect(secondFactorStage({ error: new Error('boom') })).toBe('error');
  });
});
