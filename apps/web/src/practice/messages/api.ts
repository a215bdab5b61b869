import {
  inboxPage,
  inboxThread,
  staffList,
  staffThreadDetail,
  unreadSummary,
} from '@portico/contracts';
import type { InboxThread } from '@portico/contracts';
import {
  infiniteQueryOptions,
  queryOptions,
  useMutation,
  useQueryClient,
} from '@tanstack/react-query';
import { api } from '../../ui/api-client.ts';

export type InboxFilter = 'all' | 'unread' | 'mine' | 'unassigned' | 'closed';

export interface InboxParams {
  filter: InboxFilter;
  providerId: string;
  locationId: string;
  q: string;
}

/** How often the navigation's unread count is refreshed. */
const unreadPollMs = 30_000;

export const inboxQuery = (params: InboxParams) =>
  infiniteQueryOptions({
    queryKey: ['messages', 'inbox', params],
    queryFn: ({ signal, pageParam }) =>
      api('/api/practice/messages/threads', inboxPage, {
        query: {
          filter: params.filter,
          providerId: params.providerId,
          locationId: params.locationId,
          q: params.q.trim(),
          cursor: pageParam,
        },
        signal,
      }),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });

export const threadQuery = (id: string) =>
  queryOptions({
    queryKey: ['messages', 'thread', id],
    queryFn: ({ signal }) =>
      api(`/api/practice/messages/threads/${id}`, staffThreadDetail, { signal }),
  });

export const staffQuery = queryOptions({
  queryKey: ['practice', 'staff'],
  queryFn: ({ signal }) => api('/api/practice/staff', staffList, { signal }),
  staleTime: 60_000,
});

/** Unread threads for the navigation badge; background, so polling never keeps a session alive. */
export const unreadQuery = queryOptions({
  queryKey: ['messages', 'unread'],
  queryFn: ({ signal }) =>
    api('/api/practice/messages/unread', unreadSummary, { signal, background: true }),
  refetchInterval: unreadPollMs,
  staleTime: 0,
});

/** After a thread changes: store its new row in the detail, refresh lists and the badge. */
function useOnThreadChanged(id: string) {
  const queryClient = useQueryClient();
  return async (row?: InboxThread) => {
    if (row)
      queryClient.setQueryData(['messages', 'thread', id], (old: unknown) =>
        old && typeof old === 'object' ? { ...old, ...row } : old,
      );
    await queryClient.invalidateQueries({ queryKey: ['messages', 'thread', id] });
    await queryClient.invalidateQueries({ queryKey: ['messages', 'inbox'] });
    await queryClient.invalidateQueries({ queryKey: ['messages', 'unread'] });
  };
}

export function useAssignThread(id: string) {
  const onChanged = useOnThreadChanged(id);
  return useMutation({
    mutationFn: (staffUserId: string | null) =>
      api(`/api/practice/messages/threads/${id}/assignee`, inboxThread, {
        method: 'PUT',
        body: { staffUserId },
      }),
    onSuccess: onChanged,
  });
}

export function useCloseThread(id: string) {
  const onChanged = useOnThreadChanged(id);
  return useMutation({
    mutationFn: (action: 'close' | 'reopen') =>
      api(`/api/practice/messages/threads/${id}/${action}`, inboxThread, { method: 'POST' }),
    onSuccess: onChanged,
  });
}

export function useInvalidateThread(id: string) {
  return useOnThreadChanged(id);
}
