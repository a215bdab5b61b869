import { useNavigate } from 'react-router';
import { useTranslation } from 'react-i18next';
import { PageHeader } from '../../ui/components/page-header.tsx';
import { useCreatePatient } from './api.ts';
import { emptyPatientValues } from './form-values.ts';
import { PatientForm } from './patient-form.tsx';

export function PatientNewPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const create = useCreatePatient();
  return (
    <>
      <PageHeader
        title={t('patients.form.newTitle')}
        description={t('patients.form.newDescription')}
      />
      <PatientForm
        initial={emptyPatientValues}
        pending={create.isPending}
        error={create.error}
        cancelTo="/practice/patients"
        onSubmit={(input) => {
          create.mutate(input, {
            onSuccess: (patient) => {
              void navigate(`/practice/patients/${patient.id}`);
            },
          });
        }}
      />
    </>
  );
}
