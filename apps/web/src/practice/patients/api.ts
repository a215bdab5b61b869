import { patientDetail, patientPage } from '@portico/contracts';
import type { PatientDetail, PatientInput, PortalStatus } from '@portico/contracts';
import { keepPreviousData, queryOptions, useMutation, useQueryClient } from '@tanstack/react-query';
import { api, apiVoid } from '../../ui/api-client.ts';

export type PatientStatusFilter = 'active' | 'end_dated' | 'all';
/** A portal status to filter by, or `any`. */
export type PortalStatusFilter = PortalStatus | 'any';

export interface PatientListParams {
  q: string;
  status: PatientStatusFilter;
  portalStatus: PortalStatusFilter;
  page: number;
  pageSize: number;
}

export const patientListQuery = (params: PatientListParams) =>
  queryOptions({
    queryKey: ['patients', 'list', params],
    queryFn: ({ signal }) =>
      api('/api/practice/patients', patientPage, {
        query: {
          ...params,
          q: params.q.trim(),
          portalStatus: params.portalStatus === 'any' ? undefined : params.portalStatus,
        },
        signal,
      }),
    placeholderData: keepPreviousData,
  });

export const patientDetailQuery = (id: string) =>
  queryOptions({
    queryKey: ['patients', 'detail', id],
    queryFn: ({ signal }) => api(`/api/practice/patients/${id}`, patientDetail, { signal }),
  });

/** After any change: refresh lists, store the new detail (and its version). */
function useOnPatientSaved() {
  const queryClient = useQueryClient();
  return async (patient: PatientDetail) => {
    queryClient.setQueryData(['patients', 'detail', patient.id], patient);
    await queryClient.invalidateQueries({ queryKey: ['patients', 'list'] });
  };
}

export function useCreatePatient() {
  const onSaved = useOnPatientSaved();
  return useMutation({
    mutationFn: (body: PatientInput) =>
      api('/api/practice/patients', patientDetail, { method: 'POST', body }),
    onSuccess: onSaved,
  });
}

export function useUpdatePatient(id: string) {
  const onSaved = useOnPatientSaved();
  return useMutation({
    mutationFn: (body: PatientInput & { version: number }) =>
      api(`/api/practice/patients/${id}`, patientDetail, { method: 'PUT', body }),
    onSuccess: onSaved,
  });
}

/** End-date and reactivate answer with the patient, but only the refetch is relied on. */
function useOnPatientChanged(id: string) {
  const queryClient = useQueryClient();
  return async () => {
    await queryClient.invalidateQueries({ queryKey: ['patients', 'detail', id] });
    await queryClient.invalidateQueries({ queryKey: ['patients', 'list'] });
  };
}

export function useEndDatePatient(id: string) {
  const onChanged = useOnPatientChanged(id);
  return useMutation({
    mutationFn: (body: { endDate: string; reason: string; version: number }) =>
      apiVoid(`/api/practice/patients/${id}/end-date`, { method: 'POST', body }),
    onSuccess: onChanged,
  });
}

export function useReactivatePatient(id: string) {
  const onChanged = useOnPatientChanged(id);
  return useMutation({
    mutationFn: (body: { version: number }) =>
      apiVoid(`/api/practice/patients/${id}/reactivate`, { method: 'POST', body }),
    onSuccess: onChanged,
  });
}
