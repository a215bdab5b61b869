import { portalMe } from '@portico/contracts';
import { queryOptions, useMutation, useQueryClient } from '@tanstack/react-query';
import { api, apiVoid } from '../../ui/api-client.ts';

export const portalMeKey = ['portal', 'me'] as const;

/**
 * The session probe. Sent as background: reading the session (on load and when checking before
 * the idle warning) is not activity and must not keep an unattended session alive.
 */
export const portalMeQuery = queryOptions({
  queryKey: portalMeKey,
  queryFn: ({ signal }) => api('/api/portal/auth/me', portalMe, { signal, background: true }),
  retry: false,
  staleTime: 60_000,
  /** PortalLayout handles 401 itself. */
  meta: { skipAuthRedirect: true },
});

/** "Stay signed in": any foreground request extends the idle time; this one does nothing else. */
export function useKeepAlive() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: () => api('/api/portal/auth/keep-alive', portalMe, { method: 'POST' }),
    meta: { skipAuthRedirect: true },
    onSuccess: (me) => {
      queryClient.setQueryData(portalMeKey, me);
    },
  });
}

/** Ends this session on the server; the caller clears the cache and leaves. */
export function usePortalSignOut() {
  return useMutation({
    mutationFn: () => apiVoid('/api/portal/auth/sign-out', { method: 'POST' }),
    meta: { skipAuthRedirect: true },
  });
}

/** The password again before a sensitive change; answers the session with its new re-auth time. */
export function reauthenticate(password: string) {
  return api('/api/portal/auth/reauthenticate', portalMe, { method: 'POST', body: { password } });
}
