import { useCallback } from 'react';
import { useSearchParams } from 'react-router';
import { portalStatus as portalStatusSchema } from '@portico/contracts';
import type { PatientListParams, PatientStatusFilter, PortalStatusFilter } from './api.ts';

const statuses: PatientStatusFilter[] = ['active', 'end_dated', 'all'];
export const portalStatusFilters: PortalStatusFilter[] = ['any', ...portalStatusSchema.options];
export const patientPageSize = 25;

/** The list's state lives in the URL (`q`, `status`, `portal`, `page`) so it survives reloads and links. */
export function usePatientListParams() {
  const [searchParams, setSearchParams] = useSearchParams();
  const statusParam = searchParams.get('status');
  const status = statuses.find((s) => s === statusParam) ?? 'active';
  const portalParam = searchParams.get('portal');
  const portalStatus = portalStatusFilters.find((s) => s === portalParam) ?? 'any';
  const page = Math.max(1, Number.parseInt(searchParams.get('page') ?? '1', 10) || 1);
  const params: PatientListParams = {
    q: searchParams.get('q') ?? '',
    status,
    portalStatus,
    page,
    pageSize: patientPageSize,
  };

  const update = useCallback(
    (changes: Partial<Pick<PatientListParams, 'q' | 'status' | 'portalStatus' | 'page'>>) => {
      setSearchParams(
        (prev) => {
          const next = new URLSearchParams(prev);
          const set = (key: string, value: string, fallback: string) => {
            if (value === fallback) next.delete(key);
            else next.set(key, value);
          };
          if (changes.q !== undefined) set('q', changes.q, '');
          if (changes.status !== undefined) set('status', changes.status, 'active');
          if (changes.portalStatus !== undefined) set('portal', changes.portalStatus, 'any');
          // A new search or filter starts again on page 1.
          const filterChanged =
            changes.q !== undefined ||
            changes.status !== undefined ||
            changes.portalStatus !== undefined;
          const page = changes.page ?? (filterChanged ? 1 : undefined);
          if (page !== undefined) set('page', String(page), '1');
          return next;
        },
        { replace: changes.page === undefined },
      );
    },
    [setSearchParams],
  );

  return { params, update };
}
