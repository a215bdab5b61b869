import { useCallback } from 'react';
import {
  factorAddedResult,
  mfaStatus,
  okResponse,
  recoveryCodes,
  staffMe,
  totpEnrollment,
} from '@portico/contracts';
import type { StaffMe } from '@portico/contracts';
import { queryOptions, useMutation, useQueryClient } from '@tanstack/react-query';
import type {
  PublicKeyCredentialCreationOptionsJSON,
  PublicKeyCredentialRequestOptionsJSON,
} from '@simplewebauthn/browser';
import { api, apiVoid } from '../../ui/api-client.ts';
import type { Schema } from '../../ui/api-client.ts';

export const staffMeKey = ['staff', 'me'] as const;

export const staffMeQuery = queryOptions({
  queryKey: staffMeKey,
  queryFn: ({ signal }) => api('/api/practice/auth/me', staffMe, { signal }),
  retry: false,
  staleTime: 60_000,
  /** RequireStaff handles 401 itself (with the "session ended" notice). */
  meta: { skipAuthRedirect: true },
});

export function useSignIn() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: { email: string; password: string }) =>
      api('/api/practice/auth/sign-in', staffMe, { method: 'POST', body }),
    meta: { skipAuthRedirect: true },
    onSuccess: (me: StaffMe) => {
      queryClient.clear();
      queryClient.setQueryData(staffMeKey, me);
    },
  });
}

export function useSignOut() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: () => apiVoid('/api/practice/auth/sign-out', { method: 'POST' }),
    meta: { skipAuthRedirect: true },
    onSettled: () => {
      queryClient.clear();
    },
  });
}

export function useSetPassword() {
  return useMutation({
    mutationFn: (body: { token: string; password: string }) =>
      api('/api/practice/auth/set-password', okResponse, { method: 'POST', body }),
    meta: { skipAuthRedirect: true },
  });
}

/**
 * Which second-factor screen a session that has not given it needs: `GET /api/practice/mfa`
 * answers the status while no factor is set up (enrollment) and 401 MFA_REQUIRED when one must
 * be given. Neither is "signed out": the caller decides (see `secondFactorStage`).
 */
export const staffMfaProbeQuery = queryOptions({
  queryKey: ['staff', 'mfa-probe'],
  queryFn: ({ signal }) => api('/api/practice/mfa', mfaStatus, { signal }),
  retry: false,
  staleTime: 0,
  gcTime: 0,
  meta: { skipAuthRedirect: true },
});

/** The session has given its second factor: the console opens with it. */
export function useCompleteSecondFactor() {
  const queryClient = useQueryClient();
  return useCallback(
    (me?: StaffMe) => {
      queryClient.setQueryData(staffMeKey, (old: StaffMe | undefined) => {
        const base = me ?? old;
        return base && { ...base, session: { ...base.session, secondFactorSatisfied: true } };
      });
    },
    [queryClient],
  );
}

export function useStartTotp() {
  return useMutation({
    mutationFn: () => api('/api/practice/mfa/totp', totpEnrollment, { method: 'POST', body: {} }),
    meta: { skipAuthRedirect: true },
  });
}

/** The first code from the app: answers the 10 recovery codes (shown once). */
export function useConfirmTotp() {
  return useMutation({
    mutationFn: (body: { factorId: string; code: string }) =>
      api('/api/practice/mfa/totp/confirm', recoveryCodes, { method: 'POST', body }),
    meta: { skipAuthRedirect: true },
  });
}

/** WebAuthn options as JSON, whether sent bare or as `{ options }`. */
function webauthnOptions<T>(): Schema<T> {
  return {
    parse: (data) => {
      const value =
        typeof data === 'object' && data !== null && 'options' in data ? data.options : data;
      if (typeof value !== 'object' || value === null || !('challenge' in value)) {
        throw new TypeError('Expected WebAuthn options');
      }
      return value as T;
    },
  };
}

export function usePasskeyCreationOptions() {
  return useMutation({
    mutationFn: () =>
      api(
        '/api/practice/mfa/passkeys/options',
        webauthnOptions<PublicKeyCredentialCreationOptionsJSON>(),
        { method: 'POST', body: {} },
      ),
    meta: { skipAuthRedirect: true },
  });
}

/** The first passkey: answers the 10 recovery codes (shown once). */
export function useRegisterPasskey() {
  return useMutation({
    mutationFn: (body: { response: unknown; label: string }) =>
      api('/api/practice/mfa/passkeys', factorAddedResult, { method: 'POST', body }),
    meta: { skipAuthRedirect: true },
  });
}

/** An authenticator or recovery code as the second factor; answers the complete session. */
export function useVerifyStaffCode() {
  return useMutation({
    mutationFn: (body: { method: 'totp' | 'recovery_code'; code: string }) =>
      api('/api/practice/auth/mfa/verify', staffMe, { method: 'POST', body }),
    meta: { skipAuthRedirect: true },
  });
}

/** A passkey as the second factor: the server's challenge, the browser's prompt, the check. */
export function useVerifyStaffPasskey() {
  return useMutation({
    mutationFn: async () => {
      const optionsJSON = await api(
        '/api/practice/auth/mfa/passkey/options',
        webauthnOptions<PublicKeyCredentialRequestOptionsJSON>(),
        { method: 'POST', body: {} },
      );
      // Loaded on use: most staff give a code.
      const { startAuthentication } = await import('@simplewebauthn/browser');
      const response = await startAuthentication({ optionsJSON });
      return api('/api/practice/auth/mfa/passkey', staffMe, {
        method: 'POST',
        body: { response },
      });
    },
    meta: { skipAuthRedirect: true },
  });
}
