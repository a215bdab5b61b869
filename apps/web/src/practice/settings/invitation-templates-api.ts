import { invitationTemplate, invitationTemplateList, templatePreview } from '@portico/contracts';
import type { InvitationChannel, InvitationTemplate } from '@portico/contracts';
import { keepPreviousData, queryOptions, useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '../../ui/api-client.ts';

/** What the editor sends: the body of POST/PUT and of the preview. */
export interface TemplateDraft {
  channel: InvitationChannel;
  name: string;
  subject?: string | null;
  body: string;
}

export const invitationTemplatesQuery = queryOptions({
  queryKey: ['invitation-templates'],
  queryFn: ({ signal }) =>
    api('/api/practice/invitation-templates', invitationTemplateList, { signal }),
});

/** Built-in templates first, then the practice's own by name. */
export function templatesInOrder(items: InvitationTemplate[]): InvitationTemplate[] {
  return [...items].sort(
    (a, b) => Number(b.builtIn) - Number(a.builtIn) || a.name.localeCompare(b.name),
  );
}

/** The draft rendered with sample values; `null` while there is nothing to render. */
export const templatePreviewQuery = (draft: TemplateDraft | null) =>
  queryOptions({
    queryKey: ['invitation-templates', 'preview', draft],
    queryFn: ({ signal }) =>
      api('/api/practice/invitation-templates/preview', templatePreview, {
        method: 'POST',
        body: draft,
        signal,
      }),
    enabled: draft !== null,
    placeholderData: keepPreviousData,
    staleTime: 60_000,
    retry: false,
  });

export function useSaveTemplate() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ id, body }: { id: string | null; body: TemplateDraft }) =>
      id === null
        ? api('/api/practice/invitation-templates', invitationTemplate, { method: 'POST', body })
        : api(`/api/practice/invitation-templates/${id}`, invitationTemplate, {
            method: 'PUT',
            body,
          }),
    onSuccess: async () => {
      await queryClient.invalidateQueries({ queryKey: ['invitation-templates'] });
    },
  });
}
