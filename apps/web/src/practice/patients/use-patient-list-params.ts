import { useCallback } from 'react';
import { useSearchParams } from 'react-router';
import type { PatientListParams, PatientStatusFilter } from './api.ts';

const statuses: PatientStatusFilter[] = ['active', 'end_dated', 'all'];
export const patientPageSize = 25;

/** The list's state lives in the URL (`q`, `status`, `page`) so it survives reloads and links. */
export function usePatientListParams() {
  const [searchParams, setSearchParams] = useSearchParams();
  const statusParam = searchParams.get('status');
  const status = statuses.find((s) => s === statusParam) ?? 'active';
  const page = Math.max(1, Number.parseInt(searchParams.get('page') ?? '1', 10) || 1);
  const params: PatientListParams = {
    q: searchParams.get('q') ?? '',
    status,
    page,
    pageSize: patientPageSize,
  };

  const update = useCallback(
    (changes: Partial<Pick<PatientListParams, 'q' | 'status' | 'page'>>) => {
      setSearchParams(
        (prev) => {
          const next = new URLSearchParams(prev);
          const set = (key: string, value: string, fallback: string) => {
            if (value === fallback) next.delete(key);
            else next.set(key, value);
          };
          if (changes.q !== undefined) set('q', changes.q, '');
          if (changes.status !== undefined) set('status', changes.status, 'active');
          // A new search or filter starts again on page 1.
          const page = changes.page ?? (changes.q !== undefined || changes.status ? 1 : undefined);
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
