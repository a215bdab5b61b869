import { useState } from 'react';
import {
  Checkbox,
  CloseButton,
  Group,
  Paper,
  Pill,
  Stack,
  Switch,
  Table,
  Text,
  TextInput,
} from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { IconSearch } from '@tabler/icons-react';
import { patientPage } from '@portico/contracts';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { api } from '../../ui/api-client.ts';
import { ErrorState } from '../../ui/components/error-state.tsx';
import { LoadingState } from '../../ui/components/loading-state.tsx';
import { ScrollTable } from '../../ui/components/scroll-table.tsx';
import { formatNumber, patientFullName } from '../../ui/format.ts';
import { InvitationStatusBadge } from '../patients/invitation-status-badge.tsx';
import type { PickedPatient } from './patient-picker.tsx';

interface BulkPatientChooserProps {
  selected: ReadonlyMap<string, PickedPatient>;
  onChange: (next: Map<string, PickedPatient>) => void;
}

/** Search active patients and tick the ones to message; the chosen stay listed across searches. */
export function BulkPatientChooser({ selected, onChange }: BulkPatientChooserProps) {
  const { t, i18n } = useTranslation();
  const [search, setSearch] = useState('');
  const [registeredOnly, setRegisteredOnly] = useState(true);
  const [q] = useDebouncedValue(search, 250);
  const results = useQuery({
    queryKey: ['patients', 'bulk-chooser', q, registeredOnly],
    queryFn: ({ signal }) =>
      api('/api/practice/patients', patientPage, {
        query: {
          q: q.trim(),
          status: 'active',
          portalStatus: registeredOnly ? 'registered' : undefined,
          pageSize: 25,
        },
        signal,
      }),
    placeholderData: keepPreviousData,
  });
  const rows = results.data?.items ?? [];
  const toggle = (patients: PickedPatient[], checked: boolean) => {
    const next = new Map(selected);
    for (const p of patients) {
      if (checked) next.set(p.id, p);
      else next.delete(p.id);
    }
    onChange(next);
  };
  const picked = rows.map((p) => ({ id: p.id, name: patientFullName(p), mrn: p.mrn }));
  const onPage = picked.filter((p) => selected.has(p.id)).length;

  return (
    <Stack gap="sm">
      <Group align="flex-end" gap="md" wrap="wrap" role="search">
        <TextInput
          type="search"
          label={t('consoleMessages.bulk.searchLabel')}
          placeholder={t('consoleMessages.bulk.searchPlaceholder')}
          leftSection={<IconSearch size={16} aria-hidden="true" />}
          value={search}
          onChange={(e) => {
            setSearch(e.currentTarget.value);
          }}
          style={{ flex: '1 1 260px' }}
        />
        <Switch
          label={t('consoleMessages.bulk.registeredOnly')}
          checked={registeredOnly}
          onChange={(e) => {
            setRegisteredOnly(e.currentTarget.checked);
          }}
          mb={8}
        />
      </Group>
      {results.isPending ? (
        <LoadingState rows={4} />
      ) : results.isError ? (
        <ErrorState error={results.error} onRetry={() => void results.refetch()} />
      ) : rows.length === 0 ? (
        <Text size="sm" c="dimmed">
          {t('consoleMessages.bulk.noPatients')}
        </Text>
      ) : (
        <ScrollTable minWidth={340} label={t('consoleMessages.bulk.resultsCaption')}>
          <Table
            aria-label={t('consoleMessages.bulk.resultsCaption')}
            aria-busy={results.isFetching}
          >
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col" w={48}>
                  <Checkbox
                    aria-label={t('consoleMessages.bulk.selectShown')}
                    checked={onPage > 0 && onPage === picked.length}
                    indeterminate={onPage > 0 && onPage < picked.length}
                    onChange={(e) => {
                      toggle(picked, e.currentTarget.checked);
                    }}
                  />
                </Table.Th>
                <Table.Th scope="col">{t('consoleMessages.inbox.columns.patient')}</Table.Th>
                <Table.Th scope="col">{t('consoleMessages.bulk.portal')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {rows.map((p, i) => {
                const pick = picked[i];
                if (!pick) return null;
                return (
                  <Table.Tr key={p.id}>
                    <Table.Td>
                      <Checkbox
                        aria-label={t('consoleMessages.bulk.selectRow', { name: pick.name })}
                        checked={selected.has(p.id)}
                        onChange={(e) => {
                          toggle([pick], e.currentTarget.checked);
                        }}
                      />
                    </Table.Td>
                    <Table.Td>
                      <Text size="sm">{pick.name}</Text>
                      <Text size="xs" c="dimmed" ff="monospace">
                        {p.mrn}
                      </Text>
                    </Table.Td>
                    <Table.Td style={{ whiteSpace: 'nowrap' }}>
                      <InvitationStatusBadge status={p.portalStatus} step={null} />
                    </Table.Td>
                  </Table.Tr>
                );
              })}
            </Table.Tbody>
          </Table>
        </ScrollTable>
      )}
      <Paper withBorder p="sm" radius="md">
        <Text size="sm" fw={600} mb={selected.size > 0 ? 'xs' : 0} role="status">
          {t('consoleMessages.bulk.selectedCount', {
            count: selected.size,
            n: formatNumber(selected.size, i18n.language),
          })}
        </Text>
        {selected.size > 0 ? (
          <Group gap={6} component="ul" p={0} m={0} style={{ listStyle: 'none' }}>
            {[...selected.values()].map((p) => (
              <li key={p.id}>
                <Pill size="md">
                  <Group gap={4} wrap="nowrap">
                    {p.name}
                    <CloseButton
                      size="xs"
                      aria-label={t('consoleMessages.bulk.removeSelected', { name: p.name })}
                      onClick={() => {
                        toggle([p], false);
                      }}
                    />
                  </Group>
                </Pill>
              </li>
            ))}
          </Group>
        ) : null}
      </Paper>
    </Stack>
  );
}
