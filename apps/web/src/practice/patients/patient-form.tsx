import { useState } from 'react';
import type { ReactNode, SubmitEvent } from 'react';
import { Button, Group, List, Stack } from '@mantine/core';
import type { PatientInput } from '@portico/contracts';
import { sexes } from '@portico/contracts';
import { useQuery } from '@tanstack/react-query';
import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import { isApiError } from '../../ui/api-client.ts';
import { FormErrorAlert } from '../../ui/components/form-error-alert.tsx';
import { locationsQuery, providersQuery } from '../directory/api.ts';
import {
  fieldErrorsFromIssues,
  inputFromValues,
  patientFields,
  requiredPatientFields,
} from './form-values.ts';
import type { FieldErrors, PatientField, PatientFormValues } from './form-values.ts';
import { PatientFormFields } from './patient-form-fields.tsx';

interface PatientFormProps {
  initial: PatientFormValues;
  onSubmit: (input: PatientInput) => void;
  pending: boolean;
  /** The last failed submission, if any. */
  error: unknown;
  cancelTo: string;
  /** Shown inside the error alert for a 409 (e.g. a reload button). */
  conflictAction?: ReactNode;
}

export function PatientForm({
  initial,
  onSubmit,
  pending,
  error,
  cancelTo,
  conflictAction,
}: PatientFormProps) {
  const { t } = useTranslation();
  const providers = useQuery(providersQuery);
  const locations = useQuery(locationsQuery);
  const [values, setValues] = useState(initial);
  const [clientErrors, setClientErrors] = useState<FieldErrors>({});
  const [attempt, setAttempt] = useState(0);

  const server = isApiError(error, 'VALIDATION') ? fieldErrorsFromIssues(error.issues) : null;
  const errors: FieldErrors = { ...server?.fields, ...clientErrors };
  const listed = patientFields.flatMap((field) => {
    const message = errors[field];
    return message ? [{ field, label: t(`patients.fields.${field}`), message }] : [];
  });

  const change = (field: PatientField, value: string) => {
    setValues((v) =>
      field === 'sex'
        ? { ...v, sex: sexes.find((s) => s === value) ?? 'unknown' }
        : { ...v, [field]: value },
    );
    setClientErrors((e) => ({ ...e, [field]: undefined }));
  };

  const submit = (event: SubmitEvent<HTMLFormElement>) => {
    event.preventDefault();
    const missing: FieldErrors = {};
    for (const field of requiredPatientFields) {
      if (values[field].trim() === '') missing[field] = t('patients.form.required');
    }
    setClientErrors(missing);
    setAttempt((n) => n + 1);
    if (Object.keys(missing).length > 0) return;
    onSubmit(inputFromValues(values));
  };

  const clientInvalid = Object.values(clientErrors).some(Boolean);
  const showAlert = clientInvalid || (error !== null && error !== undefined && !pending);

  return (
    <form onSubmit={submit} noValidate>
      <Stack gap="lg" maw={880}>
        {showAlert ? (
          <FormErrorAlert
            key={attempt}
            error={clientInvalid ? null : error}
            message={clientInvalid ? t('patients.form.fixErrors') : undefined}
            title={
              !clientInvalid && isApiError(error, 'CONFLICT')
                ? t('patients.form.conflictTitle')
                : t('patients.form.errorTitle')
            }
          >
            {listed.length > 0 || (server?.other.length ?? 0) > 0 ? (
              <List size="sm">
                {listed.map((item) => (
                  <List.Item key={item.field}>
                    {t('patients.form.fieldError', { field: item.label, message: item.message })}
                  </List.Item>
                ))}
                {server?.other.map((message) => (
                  <List.Item key={message}>{message}</List.Item>
                ))}
              </List>
            ) : null}
            {isApiError(error, 'CONFLICT') ? conflictAction : null}
          </FormErrorAlert>
        ) : null}
        <PatientFormFields
          values={values}
          errors={errors}
          onChange={change}
          providers={providers.data?.items ?? []}
          locations={locations.data?.items ?? []}
        />
        <Group gap="sm">
          <Button type="submit" loading={pending}>
            {t('common.actions.save')}
          </Button>
          <Button component={Link} to={cancelTo} variant="default">
            {t('common.actions.cancel')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
