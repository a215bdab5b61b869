import { useMemo, useState } from 'react';
import type { SubmitEvent } from 'react';
import { Checkbox, NativeSelect, SimpleGrid, Stack, TextInput } from '@mantine/core';
import type { Location } from '@portico/contracts';
import { useTranslation } from 'react-i18next';
import { AppModal } from '../../ui/components/app-modal.tsx';
import { FormErrorAlert } from '../../ui/components/form-error-alert.tsx';
import type { LocationBody } from '../directory/api.ts';
import { useSaveLocation } from '../directory/api.ts';
import { useStaff } from '../session/staff-context.ts';
import { issueFor } from './issues.ts';
import { FormActions } from '../../ui/components/form-actions.tsx';

type TextField = 'name' | 'addressLine1' | 'city' | 'region' | 'postalCode' | 'phone';
const textFields: TextField[] = ['name', 'addressLine1', 'city', 'region', 'postalCode', 'phone'];

function timeZones(current: string): string[] {
  const zones = Intl.supportedValuesOf('timeZone');
  return zones.includes(current) ? zones : [current, ...zones];
}

/** Rendered only while open, so each opening starts from the location's current values. */
export function LocationModal({
  location,
  onClose,
}: {
  location: Location | null;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const me = useStaff();
  const save = useSaveLocation();
  const [values, setValues] = useState<Record<TextField, string>>({
    name: location?.name ?? '',
    addressLine1: location?.addressLine1 ?? '',
    city: location?.city ?? '',
    region: location?.region ?? '',
    postalCode: location?.postalCode ?? '',
    phone: location?.phone ?? '',
  });
  const [timeZone, setTimeZone] = useState(location?.timeZone ?? me.practice.timeZone);
  const [active, setActive] = useState(location?.active ?? true);
  const [nameError, setNameError] = useState<string | null>(null);
  const zones = useMemo(() => timeZones(timeZone), [timeZone]);

  const submit = (event: SubmitEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (values.name.trim() === '') {
      setNameError(t('settings.required'));
      return;
    }
    setNameError(null);
    const opt = (v: string) => v.trim() || null;
    const body: LocationBody = {
      name: values.name.trim(),
      addressLine1: opt(values.addressLine1),
      city: opt(values.city),
      region: opt(values.region),
      postalCode: opt(values.postalCode),
      phone: opt(values.phone),
      timeZone,
      active,
    };
    save.mutate({ id: location?.id ?? null, body }, { onSuccess: onClose });
  };

  return (
    <AppModal
      opened
      onClose={onClose}
      size="lg"
      title={location ? t('settings.locations.editTitle') : t('settings.locations.addTitle')}
    >
      <form onSubmit={submit} noValidate>
        <Stack gap="md">
          {save.isError ? <FormErrorAlert error={save.error} /> : null}
          <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="md">
            {textFields.map((field) => (
              <TextInput
                key={field}
                label={t(`settings.locations.fields.${field}`)}
                type={field === 'phone' ? 'tel' : 'text'}
                value={values[field]}
                onChange={(e) => {
                  const value = e.currentTarget.value;
                  setValues((v) => ({ ...v, [field]: value }));
                }}
                error={(field === 'name' ? nameError : null) ?? issueFor(save.error, field)}
                required={field === 'name'}
                data-autofocus={field === 'name' ? true : undefined}
              />
            ))}
            <NativeSelect
              label={t('settings.locations.fields.timeZone')}
              data={zones}
              value={timeZone}
              onChange={(e) => {
                setTimeZone(e.currentTarget.value);
              }}
              error={issueFor(save.error, 'timeZone')}
            />
          </SimpleGrid>
          <Checkbox
            label={t('settings.active')}
            checked={active}
            onChange={(e) => {
              setActive(e.currentTarget.checked);
            }}
          />
          <FormActions onCancel={onClose} saving={save.isPending} />
        </Stack>
      </form>
    </AppModal>
  );
}
