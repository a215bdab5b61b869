import {
  composeOptions,
  notificationPreferences,
  portalThreadDetail,
  portalThreadPage,
  sentMessage,
  unreadSummary,
} from '@portico/contracts';
import type { MessageTopic, NotificationChannel } from '@portico/contracts';
import {
  infiniteQueryOptions,
  queryOptions,
  useMutation,
  useQueryClient,
} from '@tanstack/react-query';
import { api } from '../../ui/api-client.ts';
import { apiUpload } from '../../ui/api-upload.ts';

const messagesKey = ['portal', 'messages'] as const;
const threadsKey = [...messagesKey, 'threads'] as const;
export const unreadKey = [...messagesKey, 'unread'] as const;
const preferencesKey = ['portal', 'notification-preferences'] as const;

/** How often the navigation asks for unread threads (in the background: not activity). */
export const unreadPollIntervalMs = 60_000;

const threadPath = (id: string) => `/api/portal/messages/threads/${encodeURIComponent(id)}`;
export const attachmentHref = (id: string) =>
  `/api/portal/messages/attachments/${encodeURIComponent(id)}`;

export const threadsQuery = infiniteQueryOptions({
  queryKey: threadsKey,
  queryFn: ({ signal, pageParam }) =>
    api('/api/portal/messages/threads', portalThreadPage, {
      signal,
      query: { cursor: pageParam },
    }),
  initialPageParam: null as string | null,
  getNextPageParam: (last) => last.nextCursor,
});

export const threadQuery = (id: string) =>
  queryOptions({
    queryKey: [...threadsKey, id],
    queryFn: ({ signal }) => api(threadPath(id), portalThreadDetail, { signal }),
  });

export const composeOptionsQuery = queryOptions({
  queryKey: [...messagesKey, 'compose-options'],
  queryFn: ({ signal }) => api('/api/portal/messages/compose-options', composeOptions, { signal }),
});

/**
 * Unread threads for the navigation badge. Polled with `X-Portico-Background: 1`, so an open
 * tab never keeps an unattended session alive.
 */
export const unreadQuery = queryOptions({
  queryKey: unreadKey,
  queryFn: ({ signal }) =>
    api('/api/portal/messages/unread', unreadSummary, { signal, background: true }),
  refetchInterval: unreadPollIntervalMs,
  refetchIntervalInBackground: false,
});

export const notificationPreferencesQuery = queryOptions({
  queryKey: preferencesKey,
  queryFn: ({ signal }) =>
    api('/api/portal/notification-preferences', notificationPreferences, { signal }),
});

/** A draft ready to go: its text, files and the key that makes a retry safe. */
export interface OutgoingDraft {
  body: string;
  files: readonly File[];
  idempotencyKey: string;
}

export interface NewThreadDraft extends OutgoingDraft {
  topic: MessageTopic;
  /** Omitted = "Office staff". */
  providerId?: string;
  locationId?: string;
}

/** Everything about messages is stale after a send (list order, previews, unread). */
function useAfterSend() {
  const queryClient = useQueryClient();
  return () => queryClient.invalidateQueries({ queryKey: messagesKey });
}

export function useReply(threadId: string) {
  const afterSend = useAfterSend();
  return useMutation({
    mutationFn: (draft: OutgoingDraft) =>
      apiUpload(`${threadPath(threadId)}/messages`, sentMessage, {
        fields: { body: draft.body },
        files: draft.files,
        idempotencyKey: draft.idempotencyKey,
      }),
    onSuccess: afterSend,
  });
}

export function useStartThread() {
  const afterSend = useAfterSend();
  return useMutation({
    mutationFn: (draft: NewThreadDraft) =>
      apiUpload('/api/portal/messages/threads', sentMessage, {
        fields: {
          topic: draft.topic,
          providerId: draft.providerId,
          locationId: draft.locationId,
          body: draft.body,
        },
        files: draft.files,
        idempotencyKey: draft.idempotencyKey,
      }),
    onSuccess: afterSend,
  });
}

export function useSaveNotificationPreferences() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (channel: NotificationChannel) =>
      api('/api/portal/notification-preferences', notificationPreferences, {
        method: 'PUT',
        body: { channel },
      }),
    onSuccess: (saved) => {
      queryClient.setQueryData(preferencesKey, saved);
    },
  });
}

/**
 * Opening a thread marks the practice's messages read: the list's badges and the navigation's
 * count are stale then (the thread itself is not, so it is not refetched).
 */
export function useAfterThreadRead() {
  const queryClient = useQueryClient();
  return () => {
    void queryClient.invalidateQueries({ queryKey: unreadKey });
    void queryClient.invalidateQueries({ queryKey: threadsKey, exact: true });
  };
}
