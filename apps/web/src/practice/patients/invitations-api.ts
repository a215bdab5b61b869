import { invitationPreview, invitationStatus } from '@portico/contracts';
import type { InvitationRequest, InvitationStatus } from '@portico/contracts';
import { keepPreviousData, queryOptions, useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '../../ui/api-client.ts';

/** While a message waits for delivery, its state is checked this often. */
const queuedPollMs = 5000;

const statusKey = (patientId: string) => ['patients', 'invitation', patientId] as const;

export const invitationStatusQuery = (patientId: string) =>
  queryOptions({
    queryKey: statusKey(patientId),
    // Background: polling while a message is queued must not keep an idle session alive.
    queryFn: ({ signal }) =>
      api(`/api/practice/patients/${patientId}/invitation`, invitationStatus, {
        signal,
        background: true,
      }),
    refetchInterval: (query) =>
      query.state.data?.current?.channels.some((c) => c.delivery === 'queued')
        ? queuedPollMs
        : false,
  });

/** Exactly what the patient would receive for these choices (nothing is sent). */
export const invitationPreviewQuery = (patientId: string, request: InvitationRequest) =>
  queryOptions({
    queryKey: ['patients', 'invitation-preview', patientId, request],
    queryFn: ({ signal }) =>
      api(`/api/practice/patients/${patientId}/invitation/preview`, invitationPreview, {
        method: 'POST',
        body: request,
        signal,
      }),
    enabled: request.channels.length > 0,
    placeholderData: keepPreviousData,
    staleTime: 30_000,
    retry: false,
  });

/** Stores the answer, then refetches so the status and cooldown come from the server. */
function useOnInvitationChanged(patientId: string) {
  const queryClient = useQueryClient();
  return {
    saved: async (status: InvitationStatus) => {
      queryClient.setQueryData(statusKey(patientId), status);
      await queryClient.invalidateQueries({ queryKey: statusKey(patientId) });
    },
    failed: async () => {
      await queryClient.invalidateQueries({ queryKey: statusKey(patientId) });
    },
  };
}

export function useSendInvitation(patientId: string) {
  const on = useOnInvitationChanged(patientId);
  return useMutation({
    mutationFn: (body: InvitationRequest) =>
      api(`/api/practice/patients/${patientId}/invitation`, invitationStatus, {
        method: 'POST',
        body,
      }),
    onSuccess: on.saved,
    // A refusal (cooldown, blocked) usually means the card's status is out of date.
    onError: on.failed,
  });
}

export function useRevokeInvitation(patientId: string) {
  const on = useOnInvitationChanged(patientId);
  return useMutation({
    mutationFn: () =>
      api(`/api/practice/patients/${patientId}/invitation/revoke`, invitationStatus, {
        method: 'POST',
      }),
    onSuccess: on.saved,
    onError: on.failed,
  });
}
