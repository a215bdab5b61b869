import { Anchor, Button, Group, Stack } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { IconCalendarOff, IconPencil, IconRefresh } from '@tabler/icons-react';
import { useQuery } from '@tanstack/react-query';
import { Link, useNavigate, useParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { FormErrorAlert } from '../../ui/components/form-error-alert.tsx';
import { PageHeader } from '../../ui/components/page-header.tsx';
import { patientFullName } from '../../ui/format.ts';
import { PatientMessageButton } from '../messages/patient-message-button.tsx';
import { useIsAdmin } from '../session/staff-context.ts';
import { PatientQueryState } from './patient-query-state.tsx';
import { patientDetailQuery, useReactivatePatient } from './api.ts';
import { EndDateModal } from './end-date-modal.tsx';
import { PatientDetailSections } from './patient-detail-sections.tsx';
import { PortalAccessCard } from './portal-access-card.tsx';

export function PatientDetailPage() {
  const { t } = useTranslation();
  const { id = '' } = useParams();
  const navigate = useNavigate();
  const isAdmin = useIsAdmin();
  const detail = useQuery(patientDetailQuery(id));
  const reactivate = useReactivatePatient(id);
  const [endDateOpen, endDateModal] = useDisclosure(false);

  if (!detail.isSuccess)
    return <PatientQueryState title={t('patients.detail.loadingTitle')} query={detail} />;

  const patient = detail.data;
  const actions = (
    <>
      <PatientMessageButton patient={patient} />
      <Button
        variant="default"
        leftSection={<IconPencil size={16} aria-hidden="true" />}
        onClick={() => {
          void navigate(`/practice/patients/${patient.id}/edit`);
        }}
      >
        {t('patients.detail.edit')}
      </Button>
      {patient.status === 'active' ? (
        <Button
          variant="default"
          leftSection={<IconCalendarOff size={16} aria-hidden="true" />}
          onClick={endDateModal.open}
        >
          {t('patients.detail.endDateAction')}
        </Button>
      ) : (
        <Button
          variant="default"
          leftSection={<IconRefresh size={16} aria-hidden="true" />}
          loading={reactivate.isPending}
          onClick={() => {
            reactivate.mutate({ version: patient.version });
          }}
        >
          {t('patients.detail.reactivate')}
        </Button>
      )}
    </>
  );

  return (
    <>
      <PageHeader
        title={patientFullName(patient)}
        description={
          patient.preferredName
            ? t('patients.detail.subtitlePreferred', {
                mrn: patient.mrn,
                preferred: patient.preferredName,
              })
            : t('patients.detail.subtitle', { mrn: patient.mrn })
        }
        actions={actions}
      />
      <Stack gap="md">
        {reactivate.isError ? <FormErrorAlert error={reactivate.error} /> : null}
        <PortalAccessCard patient={patient} />
        <PatientDetailSections patient={patient} />
        <Group gap="md">
          <Anchor component={Link} to="/practice/patients" size="sm">
            {t('patients.detail.backToList')}
          </Anchor>
          {isAdmin ? (
            <Anchor component={Link} to={`/practice/audit?patientId=${patient.id}`} size="sm">
              {t('patients.detail.viewAudit')}
            </Anchor>
          ) : null}
        </Group>
      </Stack>
      <EndDateModal patient={patient} opened={endDateOpen} onClose={endDateModal.close} />
    </>
  );
}
