import { useEffect, useRef, useState } from 'react';
import { Group, NativeSelect, SegmentedControl, Stack, TextInput } from '@mantine/core';
import { useDebouncedCallback, useMediaQuery } from '@mantine/hooks';
import { IconSearch } from '@tabler/icons-react';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { locationsQuery, providersQuery } from '../directory/api.ts';
import type { InboxParams } from './api.ts';
import { inboxFilters } from './use-inbox-params.ts';

interface InboxFiltersProps {
  params: InboxParams;
  update: (changes: Partial<InboxParams>) => void;
}

/** Which threads: the quick filter, provider, location and a search over patient and subject. */
export function InboxFilters({ params, update }: InboxFiltersProps) {
  const { t } = useTranslation();
  const providers = useQuery(providersQuery);
  const locations = useQuery(locationsQuery);
  const [search, setSearch] = useState(params.q);
  // On a phone the five filters fit only when small and spread over the whole width.
  const small = useMediaQuery('(max-width: 47.99em)', undefined, {
    getInitialValueInEffect: false,
  });
  const lastPushed = useRef(params.q);
  const pushSearch = useDebouncedCallback((q: string) => {
    lastPushed.current = q;
    update({ q });
  }, 300);

  // Back/forward changes the URL: show its search term.
  useEffect(() => {
    if (params.q === lastPushed.current) return;
    lastPushed.current = params.q;
    setSearch(params.q);
  }, [params.q]);

  const providerOptions = [
    { value: '', label: t('consoleMessages.inbox.anyProvider') },
    ...(providers.data?.items ?? []).map((p) => ({ value: p.id, label: p.displayName })),
  ];
  const locationOptions = [
    { value: '', label: t('consoleMessages.inbox.anyLocation') },
    ...(locations.data?.items ?? []).map((l) => ({ value: l.id, label: l.name })),
  ];

  return (
    <Stack gap="sm" mb="md">
      <SegmentedControl
        aria-label={t('consoleMessages.inbox.filterLabel')}
        value={params.filter}
        onChange={(value) => {
          update({ filter: inboxFilters.find((f) => f === value) ?? 'all' });
        }}
        data={inboxFilters.map((value) => ({
          value,
          label: t(`consoleMessages.inbox.filters.${value}`),
        }))}
        size={small ? 'xs' : 'sm'}
        fullWidth={small}
        style={small ? undefined : { alignSelf: 'flex-start' }}
      />
      <Group align="flex-end" gap="md" role="search" wrap="wrap">
        <TextInput
          type="search"
          label={t('consoleMessages.inbox.searchLabel')}
          placeholder={t('consoleMessages.inbox.searchPlaceholder')}
          leftSection={<IconSearch size={16} aria-hidden="true" />}
          value={search}
          onChange={(e) => {
            setSearch(e.currentTarget.value);
            pushSearch(e.currentTarget.value);
          }}
          style={{ flex: '1 1 280px' }}
          maxLength={100}
        />
        <NativeSelect
          label={t('consoleMessages.inbox.providerLabel')}
          data={providerOptions}
          value={params.providerId}
          onChange={(e) => {
            update({ providerId: e.currentTarget.value });
          }}
          style={{ flex: '1 1 180px' }}
        />
        <NativeSelect
          label={t('consoleMessages.inbox.locationLabel')}
          data={locationOptions}
          value={params.locationId}
          onChange={(e) => {
            update({ locationId: e.currentTarget.value });
          }}
          style={{ flex: '1 1 180px' }}
        />
      </Group>
    </Stack>
  );
}
