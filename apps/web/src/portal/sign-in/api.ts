import { publicPractice } from '@portico/contracts';
import { queryOptions, useMutation } from '@tanstack/react-query';
import { api, apiVoid } from '../../ui/api-client.ts';

export const publicPracticeQuery = (slug: string) =>
  queryOptions({
    queryKey: ['public-practice', slug],
    queryFn: ({ signal }) =>
      api(`/api/public/practices/${encodeURIComponent(slug)}`, publicPractice, { signal }),
    staleTime: 5 * 60_000,
  });

/** Patient sign-in (the endpoint arrives with patient accounts; errors are shown as they come). */
export function usePortalSignIn() {
  return useMutation({
    mutationFn: (body: { email: string; password: string }) =>
      apiVoid('/api/portal/auth/sign-in', { method: 'POST', body }),
  });
}
