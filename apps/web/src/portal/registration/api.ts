import { passwordCheckResult, registrationState } from '@portico/contracts';
import type { PasswordCheckResult, RegistrationState } from '@portico/contracts';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api, isApiError } from '../../ui/api-client.ts';
import { useRegistration } from './registration-context.ts';

/** Every registration endpoint takes the link's token in its body (never in the URL). */
const base = '/api/portal/registration';

export const registrationKey = (token: string) => ['portal', 'registration', token] as const;

/** Where the registration is (the step to show). With `linkToken`, verifies the email first. */
export function fetchRegistrationStatus(token: string, signal?: AbortSignal) {
  return api(`${base}/status`, registrationState, {
    method: 'POST',
    body: { token },
    signal,
  });
}

export function verifyEmailByLink(token: string, linkToken: string) {
  return api(`${base}/email/verify`, registrationState, {
    method: 'POST',
    body: { token, linkToken },
  });
}

/**
 * One registration action: posts `{token, ...body}` and, on success, stores the new state so the
 * page moves to the step the server says.
 */
function useRegistrationAction<B extends object>(token: string, path: string) {
  const queryClient = useQueryClient();
  const { markUnusable } = useRegistration();
  return useMutation({
    mutationFn: (body: B) =>
      api(`${base}/${path}`, registrationState, { method: 'POST', body: { token, ...body } }),
    meta: { skipAuthRedirect: true },
    onSuccess: (state: RegistrationState) => {
      queryClient.setQueryData(registrationKey(token), state);
    },
    onError: (error) => {
      // The link stopped working meanwhile (expired, superseded, out of DOB tries…).
      if (isApiError(error, 'LINK_UNUSABLE')) markUnusable(error.reason ?? 'invalid');
    },
  });
}

export interface AccountBody {
  email: string;
  dateOfBirth: string;
  password: string;
  acceptTerms: true;
}

export const useCreateAccount = (token: string) =>
  useRegistrationAction<AccountBody>(token, 'account');
export const useVerifyEmail = (token: string) =>
  useRegistrationAction<{ code: string }>(token, 'email/verify');
export const useResendEmailCode = (token: string) =>
  useRegistrationAction<Record<string, never>>(token, 'email/resend');
export const useLinkAccount = (token: string) =>
  useRegistrationAction<{ password: string }>(token, 'link-account');
export const useSendPhoneCode = (token: string) =>
  useRegistrationAction<{ phone?: string; channel: 'sms' | 'voice' }>(token, 'phone/send');
export const useVerifyPhone = (token: string) =>
  useRegistrationAction<{ code: string }>(token, 'phone/verify');

export interface PasswordCheckInput {
  password: string;
  email?: string;
  token?: string;
}

/** The live strength check (the same rules the server applies when the password is saved). */
export function checkPassword(
  input: PasswordCheckInput,
  signal: AbortSignal,
): Promise<PasswordCheckResult> {
  const body: PasswordCheckInput = { password: input.password };
  if (input.email) body.email = input.email;
  if (input.token) body.token = input.token;
  return api('/api/portal/password-check', passwordCheckResult, { method: 'POST', body, signal });
}
