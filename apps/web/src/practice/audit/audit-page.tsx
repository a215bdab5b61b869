import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { EmptyState } from '../../ui/components/empty-state.tsx';
import { ErrorState } from '../../ui/components/error-state.tsx';
import { LoadingState } from '../../ui/components/loading-state.tsx';
import { PageHeader } from '../../ui/components/page-header.tsx';
import { PaginationBar } from '../../ui/components/pagination-bar.tsx';
import { useStaff } from '../session/staff-context.ts';
import { auditQuery } from './api.ts';
import { AuditFilterBar } from './audit-filters.tsx';
import { AuditTable } from './audit-table.tsx';
import { useAuditFilters } from './use-audit-filters.ts';

export function AuditPage() {
  const { t } = useTranslation();
  const me = useStaff();
  const { filters, setFilter } = useAuditFilters();
  const events = useQuery(auditQuery(filters));
  const patientLabel =
    events.data?.items.find((e) => e.patientId === filters.patientId)?.patientLabel ?? null;

  return (
    <>
      <PageHeader
        title={t('audit.title')}
        description={t('audit.description', { timeZone: me.practice.timeZone })}
      />
      <AuditFilterBar filters={filters} patientLabel={patientLabel} onChange={setFilter} />
      {events.isPending ? (
        <LoadingState rows={10} />
      ) : events.isError ? (
        <ErrorState
          error={events.error}
          onRetry={() => {
            void events.refetch();
          }}
        />
      ) : events.data.items.length === 0 ? (
        <EmptyState title={t('audit.emptyTitle')} description={t('audit.empty')} />
      ) : (
        <div aria-busy={events.isPlaceholderData}>
          <AuditTable events={events.data.items} timeZone={me.practice.timeZone} />
          <PaginationBar
            label={t('audit.pagination')}
            page={events.data.page}
            pageSize={events.data.pageSize}
            total={events.data.total}
            totalIsLowerBound={events.data.totalIsLowerBound}
            count={events.data.items.length}
            onPageChange={(page) => {
              setFilter('page', String(page));
            }}
          />
        </div>
      )}
    </>
  );
}
