import { Button } from '@mantine/core';
import { IconRefresh } from '@tabler/icons-react';
import { useQuery } from '@tanstack/react-query';
import { useNavigate, useParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { PageHeader } from '../../ui/components/page-header.tsx';
import { patientFullName } from '../../ui/format.ts';
import { PatientQueryState } from './patient-query-state.tsx';
import { patientDetailQuery, useUpdatePatient } from './api.ts';
import { valuesFromPatient } from './form-values.ts';
import { PatientForm } from './patient-form.tsx';

export function PatientEditPage() {
  const { t } = useTranslation();
  const { id = '' } = useParams();
  const navigate = useNavigate();
  const detail = useQuery(patientDetailQuery(id));
  const update = useUpdatePatient(id);

  if (!detail.isSuccess)
    return <PatientQueryState title={t('patients.form.editTitleLoading')} query={detail} />;

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
