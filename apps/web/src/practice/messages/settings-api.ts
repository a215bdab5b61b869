import { messagingSettings } from '@portico/contracts';
import type { MessagingPolicyName, MessagingSettings } from '@portico/contracts';
import { queryOptions, useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '../../ui/api-client.ts';

const key = ['messages', 'settings'] as const;

export const messagingSettingsQuery = queryOptions({
  queryKey: key,
  queryFn: ({ signal }) => api('/api/practice/messaging-settings', messagingSettings, { signal }),
});

export interface MessagingSettingsBody {
  policy: MessagingPolicyName;
  autoCloseHours: number;
  guidelineBanner: string;
  version: number;
}

export function useSaveMessagingSettings() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: MessagingSettingsBody) =>
      api('/api/practice/messaging-settings', messagingSettings, { method: 'PUT', body }),
    onSuccess: (saved: MessagingSettings) => {
      queryClient.setQueryData(key, saved);
    },
  });
}
