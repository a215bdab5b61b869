import type { UseQueryResult } from '@tanstack/react-query';
import type { PatientDetail } from '@portico/contracts';
import { useTranslation } from 'react-i18next';
import { isApiError } from '../../ui/api-client.ts';
import { ErrorState } from '../../ui/components/error-state.tsx';
import { LoadingState } from '../../ui/components/loading-state.tsx';
import { NotFoundState } from '../../ui/components/not-found.tsx';
import { PageHeader } from '../../ui/components/page-header.tsx';

/** The patient record while it loads or when it cannot be shown: loading, not found, or error. */
export function PatientQueryState({
  title,
  query,
}: {
  title: string;
  query: UseQueryResult<PatientDetail>;
}) {
  const { t } = useTranslation();
  return (
    <>
      <PageHeader title={title} />
      {query.isPending ? (
        <LoadingState rows={8} />
      ) : isApiError(query.error, 'NOT_FOUND') ? (
        <NotFoundState
          title={t('patients.detail.notFoundTitle')}
          description={t('patients.detail.notFound')}
          backTo="/practice/patients"
          backLabel={t('patients.detail.backToList')}
        />
      ) : (
        <ErrorState
          error={query.error}
          onRetry={() => {
            void query.refetch();
          }}
        />
      )}
    </>
  );
}
