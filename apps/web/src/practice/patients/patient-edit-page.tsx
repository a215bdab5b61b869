import { Button } from '@mantine/core';
import { IconRefresh } from '@tabler/icons-react';
import { useQuery } from '@tanstack/react-query';
import { useNavigate, useParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { isApiError } from '../../ui/api-client.ts';
import { ErrorState } from '../../ui/components/error-state.tsx';
import { LoadingState } from '../../ui/components/loading-state.tsx';
import { NotFoundState } from '../../ui/components/not-found.tsx';
import { PageHeader } from '../../ui/components/page-header.tsx';
import { patientFullName } from '../../ui/format.ts';
import { patientDetailQuery, useUpdatePatient } from './api.ts';
import { valuesFromPatient } from './form-values.ts';
import { PatientForm } from './patient-form.tsx';

export function PatientEditPage() {
  const { t } = useTranslation();
  const { id = '' } = useParams();
  const navigate = useNavigate();
  const detail = useQuery(patientDetailQuery(id));
  const update = useUpdatePatient(id);

  if (detail.isPending) {
    return (
      <>
        <PageHeader title={t('patients.form.editTitleLoading')} />
        <LoadingState rows={8} />
      </>
    );
  }
  if (detail.isError) {
    return (
      <>
        <PageHeader title={t('patients.form.editTitleLoading')} />
        {isApiError(detail.error, 'NOT_FOUND') ? (
          <NotFoundState
            title={t('patients.detail.notFoundTitle')}
            description={t('patients.detail.notFound')}
            backTo="/practice/patients"
            backLabel={t('patients.detail.backToList')}
          />
        ) : (
          <ErrorState
            error={detail.error}
            onRetry={() => {
              void detail.refetch();
            }}
          />
        )}
      </>
    );
  }

  const patient = detail.data;
  const reload = () => {
    update.reset();
    void detail.refetch();
  };

  return (
    <>
      <PageHeader title={t('patients.form.editTitle', { name: patientFullName(patient) })} />
      <PatientForm
        key={`${patient.id}:${patient.version}`}
        initial={valuesFromPatient(patient)}
        pending={update.isPending}
        error={update.error}
        cancelTo={`/practice/patients/${patient.id}`}
        conflictAction={
          <Button
            size="xs"
            variant="default"
            leftSection={<IconRefresh size={16} aria-hidden="true" />}
            onClick={reload}
            loading={detail.isFetching}
          >
            {t('patients.form.reload')}
          </Button>
        }
        onSubmit={(input) => {
          update.mutate(
            { ...input, version: patient.version },
            {
              onSuccess: (saved) => {
                void navigate(`/practice/patients/${saved.id}`);
              },
            },
          );
        }}
      />
    </>
  );
}
