import { auditPage, staffList } from '@portico/contracts';
import { keepPreviousData, queryOptions } from '@tanstack/react-query';
import { api } from '../../ui/api-client.ts';

export interface AuditFilters {
  patientId: string;
  actorId: string;
  action: string;
  from: string;
  to: string;
  page: number;
}

export const auditQuery = (filters: AuditFilters) =>
  queryOptions({
    queryKey: ['audit', filters],
    queryFn: ({ signal }) =>
      api('/api/practice/audit-events', auditPage, { query: { ...filters }, signal }),
    placeholderData: keepPreviousData,
  });

export const staffListQuery = queryOptions({
  queryKey: ['staff', 'list'],
  queryFn: ({ signal }) => api('/api/practice/staff', staffList, { signal }),
  staleTime: 60_000,
});
