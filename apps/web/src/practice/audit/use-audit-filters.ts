import { useCallback } from 'react';
import { useSearchParams } from 'react-router';
import type { AuditFilters } from './api.ts';

type TextKey = 'patientId' | 'actorId' | 'action' | 'from' | 'to';

/** Audit filters live in the URL, so "View audit trail" links can preselect a patient. */
export function useAuditFilters() {
  const [searchParams, setSearchParams] = useSearchParams();
  const filters: AuditFilters = {
    patientId: searchParams.get('patientId') ?? '',
    actorId: searchParams.get('actorId') ?? '',
    action: searchParams.get('action') ?? '',
    from: searchParams.get('from') ?? '',
    to: searchParams.get('to') ?? '',
    page: Math.max(1, Number.parseInt(searchParams.get('page') ?? '1', 10) || 1),
  };

  const setFilter = useCallback(
    (key: TextKey | 'page', value: string) => {
      setSearchParams(
        (prev) => {
          const next = new URLSearchParams(prev);
          if (value === '' || (key === 'page' && value === '1')) next.delete(key);
          else next.set(key, value);
          if (key !== 'page') next.delete('page');
          return next;
        },
        { replace: key !== 'page' },
      );
    },
    [setSearchParams],
  );

  return { filters, setFilter };
}
