import { importPreview, importSummary } from '@portico/contracts';
import type { ImportPreview, ImportSummary } from '@portico/contracts';
import { queryOptions, useMutation, useQueryClient } from '@tanstack/react-query';
import { api, itemsOf } from '../../ui/api-client.ts';

const importList = itemsOf(importSummary.array());

export const recentImportsQuery = queryOptions({
  queryKey: ['imports', 'list'],
  queryFn: ({ signal }) => api('/api/practice/patient-imports', importList, { signal }),
});

export const importKey = (id: string) => ['imports', 'detail', id] as const;

/** One import with its preview; polled every second while it runs (as background requests). */
export const importQuery = (id: string) =>
  queryOptions({
    queryKey: importKey(id),
    queryFn: ({ signal }) =>
      api(`/api/practice/patient-imports/${id}`, importPreview, { signal, background: true }),
    refetchInterval: (query) => (query.state.data?.status === 'importing' ? 1000 : false),
  });

export function useUploadImport() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (file: File) => {
      const form = new FormData();
      form.append('file', file, file.name);
      return api('/api/practice/patient-imports', importPreview, { method: 'POST', body: form });
    },
    onSuccess: async (preview: ImportPreview) => {
      queryClient.setQueryData(importKey(preview.id), preview);
      await queryClient.invalidateQueries({ queryKey: ['imports', 'list'] });
    },
  });
}

/** Commit and cancel answer with the summary; merge it into the cached preview. */
function useMergeSummary() {
  const queryClient = useQueryClient();
  return async (summary: ImportSummary) => {
    queryClient.setQueryData(importKey(summary.id), (old: ImportPreview | undefined) =>
      old ? { ...old, ...summary } : old,
    );
    await queryClient.invalidateQueries({ queryKey: ['imports'] });
  };
}

export function useCommitImport() {
  const onSummary = useMergeSummary();
  return useMutation({
    mutationFn: (id: string) =>
      api(`/api/practice/patient-imports/${id}/commit`, importSummary, { method: 'POST' }),
    onSuccess: onSummary,
  });
}

/** Discards a checked file, or stops a running import (rows already imported stay). */
export function useCancelImport() {
  const onSummary = useMergeSummary();
  return useMutation({
    mutationFn: (id: string) =>
      api(`/api/practice/patient-imports/${id}/cancel`, importSummary, { method: 'POST' }),
    onSuccess: onSummary,
  });
}
