import { location, locationList, providerList, provider } from '@portico/contracts';
import { queryOptions, useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '../../ui/api-client.ts';

export const providersQuery = queryOptions({
  queryKey: ['directory', 'providers'],
  queryFn: ({ signal }) => api('/api/practice/providers', providerList, { signal }),
  staleTime: 60_000,
});

export const locationsQuery = queryOptions({
  queryKey: ['directory', 'locations'],
  queryFn: ({ signal }) => api('/api/practice/locations', locationList, { signal }),
  staleTime: 60_000,
});

export interface ProviderBody {
  displayName: string;
  credentials: string | null;
  specialty: string | null;
  active: boolean;
}

export interface LocationBody {
  name: string;
  addressLine1: string | null;
  city: string | null;
  region: string | null;
  postalCode: string | null;
  phone: string | null;
  timeZone: string;
  active: boolean;
}

/** Create (no id) or update (id) a provider. */
export function useSaveProvider() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ id, body }: { id: string | null; body: ProviderBody }) =>
      id
        ? api(`/api/practice/providers/${id}`, provider, { method: 'PUT', body })
        : api('/api/practice/providers', provider, { method: 'POST', body }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['directory', 'providers'] }),
  });
}

export function useSaveLocation() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ id, body }: { id: string | null; body: LocationBody }) =>
      id
        ? api(`/api/practice/locations/${id}`, location, { method: 'PUT', body })
        : api('/api/practice/locations', location, { method: 'POST', body }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['directory', 'locations'] }),
  });
}
