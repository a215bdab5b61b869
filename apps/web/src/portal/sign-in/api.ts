import { portalSignInResult, publicPractice, smsCodeSent } from '@portico/contracts';
import type { PortalSignInResult } from '@portico/contracts';
import { queryOptions, useMutation, useQueryClient } from '@tanstack/react-query';
import type { PublicKeyCredentialRequestOptionsJSON } from '@simplewebauthn/browser';
import { api, apiVoid } from '../../ui/api-client.ts';
import type { Schema } from '../../ui/api-client.ts';

export const publicPracticeQuery = (slug: string) =>
  queryOptions({
    queryKey: ['public-practice', slug],
    queryFn: ({ signal }) =>
      api(`/api/public/practices/${encodeURIComponent(slug)}`, publicPractice, { signal }),
    staleTime: 5 * 60_000,
  });

/** A new session starts from an empty cache (nothing of a previous account is kept). */
function useFreshCache() {
  const queryClient = useQueryClient();
  return () => {
    queryClient.clear();
  };
}

/** Email and password: signs in, or opens a session that can only finish the second factor. */
export function usePortalSignIn() {
  const fresh = useFreshCache();
  return useMutation({
    mutationFn: (body: { email: string; password: string }) =>
      api('/api/portal/auth/sign-in', portalSignInResult, { method: 'POST', body }),
    meta: { skipAuthRedirect: true },
    onSuccess: (result: PortalSignInResult) => {
      if (result.status === 'signed_in') fresh();
    },
  });
}

/** The WebAuthn options, whether sent bare or as `{ options }`. */
const passkeyOptions: Schema<PublicKeyCredentialRequestOptionsJSON> = {
  parse: (data) => {
    const value =
      typeof data === 'object' && data !== null && 'options' in data ? data.options : data;
    if (typeof value !== 'object' || value === null || !('challenge' in value)) {
      throw new TypeError('Expected WebAuthn request options');
    }
    return value as PublicKeyCredentialRequestOptionsJSON;
  },
};

/** Sign in with a passkey: the server's challenge, the browser's prompt, the server's check. */
export function usePasskeySignIn() {
  const fresh = useFreshCache();
  return useMutation({
    mutationFn: async () => {
      const optionsJSON = await api('/api/portal/auth/passkey/options', passkeyOptions, {
        method: 'POST',
        body: {},
      });
      // Loaded on use: most people sign in with a password.
      const { startAuthentication } = await import('@simplewebauthn/browser');
      const response = await startAuthentication({ optionsJSON });
      await apiVoid('/api/portal/auth/passkey', { method: 'POST', body: { response } });
    },
    meta: { skipAuthRedirect: true },
    onSuccess: fresh,
  });
}

export function useSendSignInSms() {
  return useMutation({
    mutationFn: () => api('/api/portal/auth/mfa/sms', smsCodeSent, { method: 'POST', body: {} }),
    meta: { skipAuthRedirect: true },
  });
}

export function useVerifySecondFactor() {
  const fresh = useFreshCache();
  return useMutation({
    mutationFn: (body: { method: 'totp' | 'sms' | 'recovery_code'; code: string }) =>
      apiVoid('/api/portal/auth/mfa/verify', { method: 'POST', body }),
    meta: { skipAuthRedirect: true },
    onSuccess: fresh,
  });
}

export function useForgotPassword() {
  return useMutation({
    mutationFn: (body: { email: string }) =>
      apiVoid('/api/portal/auth/forgot-password', { method: 'POST', body }),
    meta: { skipAuthRedirect: true },
  });
}

export function useResetPassword() {
  const fresh = useFreshCache();
  return useMutation({
    mutationFn: (body: { token: string; password: string }) =>
      apiVoid('/api/portal/auth/reset-password', { method: 'POST', body }),
    meta: { skipAuthRedirect: true },
    onSuccess: fresh,
  });
}
