import { Fieldset, NativeSelect, SimpleGrid, TextInput } from '@mantine/core';
import type { Location, Provider } from '@portico/contracts';
import { sexes } from '@portico/contracts';
import { useTranslation } from 'react-i18next';
import type { FieldErrors, PatientField, PatientFormValues } from './form-values.ts';

interface FieldsProps {
  values: PatientFormValues;
  errors: FieldErrors;
  onChange: (field: PatientField, value: string) => void;
  providers: Provider[];
  locations: Location[];
}

/** The patient fields, grouped into labelled fieldsets. */
export function PatientFormFields({ values, errors, onChange, providers, locations }: FieldsProps) {
  const { t } = useTranslation();
  const text = (
    field: PatientField,
    extra: { type?: string; autoComplete?: string; required?: boolean; description?: string } = {},
  ) => (
    <TextInput
      label={t(`patients.fields.${field}`)}
      value={values[field]}
      error={errors[field]}
      onChange={(e) => {
        onChange(field, e.currentTarget.value);
      }}
      {...extra}
    />
  );
  const noneOption = { value: '', label: t('patients.form.none') };
  const providerOptions = providers
    .filter((p) => p.active || p.id === values.primaryProviderId)
    .map((p) => ({
      value: p.id,
      label: p.credentials ? `${p.displayName}, ${p.credentials}` : p.displayName,
    }));
  const locationOptions = locations
    .filter((l) => l.active || l.id === values.primaryLocationId)
    .map((l) => ({ value: l.id, label: l.name }));

  return (
    <>
      <Fieldset legend={t('patients.form.sections.identity')}>
        <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="md">
          {text('firstName', { required: true, autoComplete: 'off' })}
          {text('lastName', { required: true, autoComplete: 'off' })}
          {text('preferredName', { autoComplete: 'off' })}
          {text('dateOfBirth', { type: 'date', required: true })}
          <NativeSelect
            label={t('patients.fields.sex')}
            value={values.sex}
            error={errors.sex}
            data={sexes.map((s) => ({ value: s, label: t(`patients.sex.${s}`) }))}
            onChange={(e) => {
              onChange('sex', e.currentTarget.value);
            }}
          />
          {text('mrn', { description: t('patients.form.mrnHint'), autoComplete: 'off' })}
        </SimpleGrid>
      </Fieldset>
      <Fieldset legend={t('patients.form.sections.contact')}>
        <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="md">
          {text('email', { type: 'email', autoComplete: 'off' })}
          {text('phone', { type: 'tel', autoComplete: 'off' })}
        </SimpleGrid>
      </Fieldset>
      <Fieldset legend={t('patients.form.sections.address')}>
        <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="md">
          {text('addressLine1', { autoComplete: 'off' })}
          {text('addressLine2', { autoComplete: 'off' })}
          {text('city', { autoComplete: 'off' })}
          {text('region', { autoComplete: 'off' })}
          {text('postalCode', { autoComplete: 'off' })}
        </SimpleGrid>
      </Fieldset>
      <Fieldset legend={t('patients.form.sections.care')}>
        <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="md">
          <NativeSelect
            label={t('patients.fields.primaryProviderId')}
            value={values.primaryProviderId}
            error={errors.primaryProviderId}
            data={[noneOption, ...providerOptions]}
            onChange={(e) => {
              onChange('primaryProviderId', e.currentTarget.value);
            }}
          />
          <NativeSelect
            label={t('patients.fields.primaryLocationId')}
            value={values.primaryLocationId}
            error={errors.primaryLocationId}
            data={[noneOption, ...locationOptions]}
            onChange={(e) => {
              onChange('primaryLocationId', e.currentTarget.value);
            }}
          />
        </SimpleGrid>
      </Fieldset>
    </>
  );
}
