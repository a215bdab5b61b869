import { useState } from 'react';
import { Select } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { patientPage } from '@portico/contracts';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { api } from '../../ui/api-client.ts';
import { patientFullName } from '../../ui/format.ts';

export interface PickedPatient {
  id: string;
  name: string;
  mrn: string;
}

interface PatientPickerProps {
  value: PickedPatient | null;
  onChange: (patient: PickedPatient | null) => void;
  error?: string | undefined;
  /** Only patients who can receive messages (registered, active record). */
  messageableOnly?: boolean;
  label?: string;
  description?: string;
}

/** A searchable patient select fed by the patient search API (name, MRN, email, phone). */
export function PatientPicker({
  value,
  onChange,
  error,
  messageableOnly = true,
  label,
  description,
}: PatientPickerProps) {
  const { t } = useTranslation();
  const [search, setSearch] = useState('');
  const [q] = useDebouncedValue(search, 250);
  const results = useQuery({
    queryKey: ['patients', 'picker', q, messageableOnly],
    queryFn: ({ signal }) =>
      api('/api/practice/patients', patientPage, {
        query: {
          q: q.trim(),
          status: 'active',
          portalStatus: messageableOnly ? 'registered' : undefined,
          pageSize: 10,
        },
        signal,
      }),
    enabled: q.trim().length >= 2,
    placeholderData: keepPreviousData,
  });
  const found = (results.data?.items ?? []).map((p) => ({
    id: p.id,
    name: patientFullName(p),
    mrn: p.mrn,
  }));
  const options = [...(value && !found.some((p) => p.id === value.id) ? [value] : []), ...found];

  return (
    <Select
      label={label ?? t('consoleMessages.compose.patient')}
      description={description ?? t('consoleMessages.compose.patientHint')}
      placeholder={t('consoleMessages.compose.patientPlaceholder')}
      searchable
      clearable
      required
      data={options.map((p) => ({ value: p.id, label: `${p.name} · ${p.mrn}` }))}
      value={value?.id ?? null}
      onChange={(id) => {
        onChange(options.find((p) => p.id === id) ?? null);
      }}
      searchValue={search}
      onSearchChange={setSearch}
      filter={({ options: all }) => all}
      nothingFoundMessage={
        q.trim().length < 2
          ? t('consoleMessages.compose.patientTypeMore')
          : results.isFetching
            ? t('common.loading')
            : t('consoleMessages.compose.patientNone')
      }
      error={error}
      comboboxProps={{ withinPortal: true }}
    />
  );
}
