import { bulkInvitationRun } from '@portico/contracts';
import type { BulkInvitationRequest } from '@portico/contracts';
import { queryOptions, useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '../../ui/api-client.ts';

const runKey = (id: string) => ['invitations', 'bulk', id] as const;

/** A bulk invitation run; polled every second while it runs (as background requests). */
export const bulkInvitationQuery = (id: string) =>
  queryOptions({
    queryKey: runKey(id),
    queryFn: ({ signal }) =>
      api(`/api/practice/invitations/bulk/${id}`, bulkInvitationRun, { signal, background: true }),
    refetchInterval: (query) => {
      const status = query.state.data?.status;
      return status === 'completed' || status === 'failed' ? false : 1000;
    },
  });

export function useStartBulkInvitation() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: BulkInvitationRequest) =>
      api('/api/practice/invitations/bulk', bulkInvitationRun, { method: 'POST', body }),
    onSuccess: (run) => {
      queryClient.setQueryData(runKey(run.id), run);
    },
    // The list's portal statuses change as invitations go out.
    onSettled: async () => {
      await queryClient.invalidateQueries({ queryKey: ['patients'] });
    },
  });
}
