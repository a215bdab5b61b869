import { useSearchParams } from 'react-router';
import type { InboxFilter, InboxParams } from './api.ts';

export const inboxFilters: readonly InboxFilter[] = [
  'all',
  'unread',
  'mine',
  'unassigned',
  'closed',
];

/** The inbox's filters live in the URL, so back/forward and shared links keep them. */
export function useInboxParams() {
  const [search, setSearch] = useSearchParams();
  const filterParam = search.get('filter');
  const params: InboxParams = {
    filter: inboxFilters.find((f) => f === filterParam) ?? 'all',
    providerId: search.get('providerId') ?? '',
    locationId: search.get('locationId') ?? '',
    q: search.get('q') ?? '',
  };
  const update = (changes: Partial<InboxParams>) => {
    const next = { ...params, ...changes };
    const out = new URLSearchParams();
    if (next.filter !== 'all') out.set('filter', next.filter);
    if (next.providerId) out.set('providerId', next.providerId);
    if (next.locationId) out.set('locationId', next.locationId);
    if (next.q.trim()) out.set('q', next.q);
    setSearch(out, { replace: true });
  };
  return { params, update };
}
