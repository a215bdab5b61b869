import { useEffect, useRef, useState } from 'react';
import { Button, Group, NativeSelect, TextInput } from '@mantine/core';
import { useDebouncedCallback } from '@mantine/hooks';
import { IconFileImport, IconPlus, IconSearch, IconSend } from '@tabler/icons-react';
import type { BulkInvitationRequest } from '@portico/contracts';
import { useQuery } from '@tanstack/react-query';
import { useNavigate, useNavigation } from 'react-router';
import { useTranslation } from 'react-i18next';
import { EmptyState } from '../../ui/components/empty-state.tsx';
import { ErrorState } from '../../ui/components/error-state.tsx';
import { LoadingState } from '../../ui/components/loading-state.tsx';
import { PageHeader } from '../../ui/components/page-header.tsx';
import { PaginationBar } from '../../ui/components/pagination-bar.tsx';
import { useMayOpen } from '../shell/require-role.tsx';
import { patientListQuery } from './api.ts';
import { BulkInviteModal } from './bulk-invite-modal.tsx';
import { BulkSelectionBar } from './bulk-selection-bar.tsx';
import { PatientTable, type PatientSelection } from './patient-table.tsx';
import { portalStatusFilters, usePatientListParams } from './use-patient-list-params.ts';

const statusFilters = ['active', 'end_dated', 'all'] as const;

export function PatientListPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const { params, update } = usePatientListParams();
  const [search, setSearch] = useState(params.q);
  const lastPushed = useRef(params.q);
  // A search typed just before a click on a patient must not pull the list back over the
  // patient's page while it loads: a navigation under way wins over the pending search.
  const navigationState = useRef('idle');
  navigationState.current = useNavigation().state;
  const pushSearch = useDebouncedCallback((q: string) => {
    if (navigationState.current !== 'idle') return;
    lastPushed.current = q;
    update({ q });
  }, 250);
  const list = useQuery(patientListQuery(params));
  const mayImport = useMayOpen('import');
  const mayInvite = useMayOpen('invite');
  const [selected, setSelected] = useState<ReadonlySet<string>>(new Set());
  const [bulkRequest, setBulkRequest] = useState<BulkInvitationRequest | null>(null);
  const selection: PatientSelection | undefined = mayInvite
    ? {
        selected,
        onChange: (ids, checked) => {
          setSelected((old) => {
            const next = new Set(old);
            for (const id of ids) {
              if (checked) next.add(id);
              else next.delete(id);
            }
            return next;
          });
        },
      }
    : undefined;

  // Back/forward navigation changes the URL: show its search term.
  useEffect(() => {
    if (params.q === lastPushed.current) return;
    lastPushed.current = params.q;
    setSearch(params.q);
  }, [params.q]);

  const filtered =
    params.q.trim() !== '' || params.status !== 'active' || params.portalStatus !== 'any';
  const statusOptions = statusFilters.map((value) => ({
    value,
    label: t(`patients.list.statusFilter.${value}`),
  }));
  const portalStatusOptions = portalStatusFilters.map((value) => ({
    value,
    label: t(`patients.list.portalStatusFilter.${value}`),
  }));

  const actions = (
    <>
      {mayInvite ? (
        <Button
          variant="default"
          leftSection={<IconSend size={18} aria-hidden="true" />}
          onClick={() => {
            setBulkRequest({ scope: 'not_invited_or_expired' });
          }}
        >
          {t('invitations.bulk.inviteEveryone')}
        </Button>
      ) : null}
      {mayImport ? (
        <Button
          variant="default"
          leftSection={<IconFileImport size={18} aria-hidden="true" />}
          onClick={() => {
            void navigate('/practice/import');
          }}
        >
          {t('patients.list.importCsv')}
        </Button>
      ) : null}
      <Button
        leftSection={<IconPlus size={18} aria-hidden="true" />}
        onClick={() => {
          void navigate('/practice/patients/new');
        }}
      >
        {t('patients.list.newPatient')}
      </Button>
    </>
  );

  return (
    <>
      <PageHeader title={t('patients.list.title')} actions={actions} />
      <Group align="flex-end" gap="md" mb="md" role="search">
        <TextInput
          type="search"
          label={t('patients.list.searchLabel')}
          placeholder={t('patients.list.searchPlaceholder')}
          leftSection={<IconSearch size={16} aria-hidden="true" />}
          value={search}
          onChange={(e) => {
            setSearch(e.currentTarget.value);
            pushSearch(e.currentTarget.value);
          }}
          style={{ flex: '1 1 320px' }}
        />
        <NativeSelect
          label={t('patients.list.statusLabel')}
          data={statusOptions}
          value={params.status}
          onChange={(e) => {
            const value = e.currentTarget.value;
            update({ status: statusFilters.find((s) => s === value) ?? 'active' });
          }}
        />
        <NativeSelect
          label={t('patients.list.portalStatusLabel')}
          data={portalStatusOptions}
          value={params.portalStatus}
          onChange={(e) => {
            const value = e.currentTarget.value;
            update({ portalStatus: portalStatusFilters.find((s) => s === value) ?? 'any' });
          }}
        />
      </Group>
      {list.isPending ? (
        <LoadingState label={t('patients.list.loading')} rows={8} />
      ) : list.isError ? (
        <ErrorState
          error={list.error}
          onRetry={() => {
            void list.refetch();
          }}
        />
      ) : list.data.items.length === 0 ? (
        filtered ? (
          <EmptyState
            title={t('patients.list.noMatchesTitle')}
            description={
              params.q.trim() !== ''
                ? t('patients.list.noMatches', { q: params.q.trim() })
                : t('patients.list.noMatchesFilter')
            }
          />
        ) : (
          <EmptyState
            title={t('patients.list.emptyTitle')}
            description={t('patients.list.empty')}
          />
        )
      ) : (
        <div aria-busy={list.isPlaceholderData}>
          {selected.size > 0 ? (
            <BulkSelectionBar
              count={selected.size}
              onInvite={() => {
                setBulkRequest({ patientIds: [...selected] });
              }}
              onClear={() => {
                setSelected(new Set());
              }}
            />
          ) : null}
          <PatientTable patients={list.data.items} selection={selection} />
          <PaginationBar
            label={t('patients.list.pagination')}
            page={list.data.page}
            pageSize={list.data.pageSize}
            total={list.data.total}
            totalIsLowerBound={list.data.totalIsLowerBound}
            count={list.data.items.length}
            onPageChange={(page) => {
              update({ page });
            }}
          />
        </div>
      )}
      {bulkRequest ? (
        <BulkInviteModal
          request={bulkRequest}
          onClose={() => {
            setBulkRequest(null);
          }}
          onStarted={() => {
            setSelected(new Set());
          }}
        />
      ) : null}
    </>
  );
}
