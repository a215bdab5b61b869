import { useEffect, useRef, useState } from 'react';
import { CloseButton, Group, NativeSelect, Pill, Text, TextInput } from '@mantine/core';
import { useDebouncedCallback } from '@mantine/hooks';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { AuditFilters } from './api.ts';
import { staffListQuery } from './api.ts';

interface AuditFiltersProps {
  filters: AuditFilters;
  patientLabel: string | null;
  onChange: (key: 'patientId' | 'actorId' | 'action' | 'from' | 'to', value: string) => void;
}

export function AuditFilterBar({ filters, patientLabel, onChange }: AuditFiltersProps) {
  const { t } = useTranslation();
  const staff = useQuery(staffListQuery);
  const [action, setAction] = useState(filters.action);
  const lastAction = useRef(filters.action);
  const pushAction = useDebouncedCallback((value: string) => {
    lastAction.current = value;
    onChange('action', value.trim());
  }, 300);
  useEffect(() => {
    if (filters.action === lastAction.current) return;
    lastAction.current = filters.action;
    setAction(filters.action);
  }, [filters.action]);

  const actorOptions = [
    { value: '', label: t('audit.filters.anyone') },
    ...(staff.data?.items ?? []).map((s) => ({ value: s.id, label: s.displayName })),
  ];

  return (
    <Group align="flex-end" gap="md" mb="md" role="search" aria-label={t('audit.filters.label')}>
      {filters.patientId ? (
        <Group gap={4} wrap="nowrap">
          <Text size="sm" fw={600}>
            {t('audit.filters.patient')}
          </Text>
          <Pill size="lg">{patientLabel ?? t('audit.filters.selectedPatient')}</Pill>
          <CloseButton
            size="sm"
            aria-label={t('audit.filters.clearPatient')}
            onClick={() => {
              onChange('patientId', '');
            }}
          />
        </Group>
      ) : null}
      <NativeSelect
        label={t('audit.filters.actor')}
        data={actorOptions}
        value={filters.actorId}
        onChange={(e) => {
          onChange('actorId', e.currentTarget.value);
        }}
      />
      <TextInput
        label={t('audit.filters.action')}
        placeholder={t('audit.filters.actionPlaceholder')}
        value={action}
        onChange={(e) => {
          setAction(e.currentTarget.value);
          pushAction(e.currentTarget.value);
        }}
      />
      <TextInput
        type="date"
        label={t('audit.filters.from')}
        value={filters.from}
        onChange={(e) => {
          onChange('from', e.currentTarget.value);
        }}
      />
      <TextInput
        type="date"
        label={t('audit.filters.to')}
        value={filters.to}
        onChange={(e) => {
          onChange('to', e.currentTarget.value);
        }}
      />
    </Group>
  );
}
