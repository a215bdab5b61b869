import { messageTemplate, messageTemplateList, sentMessage } from '@portico/contracts';
import { queryOptions, useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '../../ui/api-client.ts';
import { apiUpload } from '../../ui/api-upload.ts';

export const templatesQuery = queryOptions({
  queryKey: ['messages', 'templates'],
  queryFn: ({ signal }) => api('/api/practice/message-templates', messageTemplateList, { signal }),
  staleTime: 60_000,
});

const renderedTemplate = messageTemplate.pick({ subject: true, body: true });

/** A template filled in for one patient (variables replaced by the server). */
export function renderTemplate(templateId: string, patientId: string) {
  return api('/api/practice/message-templates/render', renderedTemplate, {
    method: 'POST',
    body: { templateId, patientId },
  });
}

export interface NewThreadDraft {
  patientId: string;
  subject: string;
  body: string;
  files: readonly File[];
  idempotencyKey: string;
}

export interface ReplyDraft {
  body: string;
  files: readonly File[];
  idempotencyKey: string;
}

function useRefreshMessages() {
  const queryClient = useQueryClient();
  return async (threadId: string) => {
    await queryClient.invalidateQueries({ queryKey: ['messages', 'thread', threadId] });
    await queryClient.invalidateQueries({ queryKey: ['messages', 'inbox'] });
    await queryClient.invalidateQueries({ queryKey: ['messages', 'unread'] });
  };
}

export function useStartThread() {
  const refresh = useRefreshMessages();
  return useMutation({
    mutationFn: (draft: NewThreadDraft) =>
      apiUpload('/api/practice/messages/threads', sentMessage, {
        fields: { patientId: draft.patientId, subject: draft.subject.trim(), body: draft.body },
        files: draft.files,
        idempotencyKey: draft.idempotencyKey,
      }),
    onSuccess: (sent) => refresh(sent.threadId),
  });
}

export function useSendReply(threadId: string) {
  const refresh = useRefreshMessages();
  return useMutation({
    mutationFn: (draft: ReplyDraft) =>
      apiUpload(`/api/practice/messages/threads/${threadId}/messages`, sentMessage, {
        fields: { body: draft.body },
        files: draft.files,
        idempotencyKey: draft.idempotencyKey,
      }),
    onSuccess: () => refresh(threadId),
  });
}
