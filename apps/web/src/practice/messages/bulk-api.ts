import { bulkMessageRun } from '@portico/contracts';
import { queryOptions, useMutation } from '@tanstack/react-query';
import { api } from '../../ui/api-client.ts';

/** While a bulk run is queued or running, it is checked this often. */
const runPollMs = 1500;

export interface BulkMessageBody {
  patientIds: string[];
  subject: string;
  body: string;
}

export function useStartBulkMessage() {
  return useMutation({
    mutationFn: (body: BulkMessageBody) =>
      api('/api/practice/messages/bulk', bulkMessageRun, { method: 'POST', body }),
  });
}

export const bulkRunQuery = (id: string) =>
  queryOptions({
    queryKey: ['messages', 'bulk', id],
    queryFn: ({ signal }) =>
      api(`/api/practice/messages/bulk/${id}`, bulkMessageRun, { signal, background: true }),
    refetchInterval: (query) => {
      const status = query.state.data?.status;
      return status === 'done' || status === 'failed' ? false : runPollMs;
    },
  });
