import { useState } from 'react';
import type { SubmitEvent } from 'react';
import { Button, Group, Stack, TextInput, Textarea } from '@mantine/core';
import type { PatientDetail } from '@portico/contracts';
import { useTranslation } from 'react-i18next';
import { AppModal } from '../../ui/components/app-modal.tsx';
import { FormErrorAlert } from '../../ui/components/form-error-alert.tsx';
import { patientFullName, todayIn } from '../../ui/format.ts';
import { useStaff } from '../session/staff-context.ts';
import { useEndDatePatient } from './api.ts';

interface EndDateModalProps {
  patient: PatientDetail;
  opened: boolean;
  onClose: () => void;
}

/** End-dating keeps the record but marks the patient as no longer seen here. */
export function EndDateModal({ patient, opened, onClose }: EndDateModalProps) {
  const { t } = useTranslation();
  const me = useStaff();
  const endDate = useEndDatePatient(patient.id);
  const [date, setDate] = useState(() => todayIn(me.practice.timeZone));
  const [reason, setReason] = useState('');
  const [errors, setErrors] = useState<{ date?: string; reason?: string }>({});

  const close = () => {
    endDate.reset();
    setErrors({});
    onClose();
  };

  const submit = (event: SubmitEvent<HTMLFormElement>) => {
    event.preventDefault();
    const next: { date?: string; reason?: string } = {};
    if (date === '') next.date = t('patients.form.required');
    if (reason.trim() === '') next.reason = t('patients.form.required');
    setErrors(next);
    if (Object.keys(next).length > 0) return;
    endDate.mutate(
      { endDate: date, reason: reason.trim(), version: patient.version },
      {
        onSuccess: () => {
          setReason('');
          close();
        },
      },
    );
  };

  return (
    <AppModal
      opened={opened}
      onClose={close}
      title={t('patients.endDate.title', { name: patientFullName(patient) })}
    >
      <form onSubmit={submit} noValidate>
        <Stack gap="md">
          {endDate.isError ? <FormErrorAlert error={endDate.error} /> : null}
          <TextInput
            type="date"
            label={t('patients.endDate.date')}
            value={date}
            onChange={(e) => {
              setDate(e.currentTarget.value);
            }}
            error={errors.date}
            required
            data-autofocus
          />
          <Textarea
            label={t('patients.endDate.reason')}
            description={t('patients.endDate.reasonHint')}
            value={reason}
            onChange={(e) => {
              setReason(e.currentTarget.value);
            }}
            error={errors.reason}
            autosize
            minRows={2}
            maxLength={500}
            required
          />
          <Group justify="flex-end" gap="sm">
            <Button variant="default" onClick={close}>
              {t('common.actions.cancel')}
            </Button>
            <Button type="submit" color="red.9" loading={endDate.isPending}>
              {t('patients.endDate.submit')}
            </Button>
          </Group>
        </Stack>
      </form>
    </AppModal>
  );
}
