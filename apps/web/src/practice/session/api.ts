import { okResponse, staffMe } from '@portico/contracts';
import type { StaffMe } from '@portico/contracts';
import { queryOptions, useMutation, useQueryClient } from '@tanstack/react-query';
import { api, apiVoid } from '../../ui/api-client.ts';

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
