import {
  factorAddedResult,
  mfaStatus,
  portalSessionList,
  recoveryCodes,
  smsCodeSent,
  totpEnrollment,
} from '@portico/contracts';
import { queryOptions, useMutation, useQueryClient } from '@tanstack/react-query';
import { api, apiVoid } from '../../ui/api-client.ts';
import type { Schema } from '../../ui/api-client.ts';
import { useReauth } from '../session/reauth.tsx';

const mfaKey = ['portal', 'mfa'] as const;
const sessionsKey = ['portal', 'sessions'] as const;

export const mfaStatusQuery = queryOptions({
  queryKey: mfaKey,
  queryFn: ({ signal }) => api('/api/portal/mfa', mfaStatus, { signal }),
});

export const portalSessionsQuery = queryOptions({
  queryKey: sessionsKey,
  queryFn: ({ signal }) => api('/api/portal/auth/sessions', portalSessionList, { signal }),
});

/** Any JSON answer: for endpoints whose body the screen does not use. */
const anyBody: Schema<unknown> = { parse: (data) => data };

/**
 * A change to second factors: asks for the password first when the API wants it (REAUTH_REQUIRED)
 * and reloads the factors afterwards, whatever the outcome.
 */
function useMfaChange<TVars, TResult>(request: (vars: TVars) => Promise<TResult>) {
  const queryClient = useQueryClient();
  const withReauth = useReauth();
  return useMutation({
    mutationFn: (vars: TVars) => withReauth(() => request(vars)),
    onSettled: () => queryClient.invalidateQueries({ queryKey: mfaKey }),
  });
}

export function useStartTotp() {
  return useMfaChange(() =>
    api('/api/portal/mfa/totp', totpEnrollment, { method: 'POST', body: {} }),
  );
}

export function useConfirmTotp() {
  return useMfaChange((body: { factorId: string; code: string }) =>
    api('/api/portal/mfa/totp/confirm', recoveryCodes, { method: 'POST', body }),
  );
}

export function useDisableTotp() {
  return useMfaChange(() => apiVoid('/api/portal/mfa/totp', { method: 'DELETE' }));
}

/** Texts a code to the verified phone (also "send a new code"). */
export function useStartSms() {
  return useMfaChange(() => api('/api/portal/mfa/sms', smsCodeSent, { method: 'POST', body: {} }));
}

/** Turns SMS codes on; the first factor of an account brings its recovery codes. */
export function useConfirmSms() {
  return useMfaChange((body: { code: string }) =>
    api('/api/portal/mfa/sms/confirm', factorAddedResult, { method: 'POST', body }),
  );
}

export function useDisableSms() {
  return useMfaChange(() => apiVoid('/api/portal/mfa/sms', { method: 'DELETE' }));
}

export function usePasskeyOptions() {
  return useMfaChange(() =>
    api('/api/portal/mfa/passkeys/options', anyBody, { method: 'POST', body: {} }),
  );
}

export function useRegisterPasskey() {
  return useMfaChange((body: { response: unknown; label: string }) =>
    api('/api/portal/mfa/passkeys', factorAddedResult, { method: 'POST', body }),
  );
}

export function useRemovePasskey() {
  return useMfaChange((id: string) =>
    apiVoid(`/api/portal/mfa/passkeys/${encodeURIComponent(id)}`, { method: 'DELETE' }),
  );
}

export function useRegenerateRecoveryCodes() {
  return useMfaChange(() =>
    api('/api/portal/mfa/recovery-codes', recoveryCodes, { method: 'POST', body: {} }),
  );
}

function useSessionChange<TVars, TResult>(request: (vars: TVars) => Promise<TResult>) {
  const queryClient = useQueryClient();
  const withReauth = useReauth();
  return useMutation({
    mutationFn: (vars: TVars) => withReauth(() => request(vars)),
    onSettled: () => queryClient.invalidateQueries({ queryKey: sessionsKey }),
  });
}

export function useEndSession() {
  return useSessionChange((id: string) =>
    apiVoid(`/api/portal/auth/sessions/${encodeURIComponent(id)}`, { method: 'DELETE' }),
  );
}

export function useEndOtherSessions() {
  return useSessionChange(() =>
    apiVoid('/api/portal/auth/sessions/end-others', { method: 'POST', body: {} }),
  );
}
