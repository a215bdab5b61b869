import { useState } from 'react';
import type { SubmitEvent } from 'react';
import { Checkbox, Stack, TextInput } from '@mantine/core';
import type { Provider } from '@portico/contracts';
import { useTranslation } from 'react-i18next';
import { AppModal } from '../../ui/components/app-modal.tsx';
import { FormErrorAlert } from '../../ui/components/form-error-alert.tsx';
import { useSaveProvider } from '../directory/api.ts';
import { issueFor } from './issues.ts';
import { FormActions } from '../../ui/components/form-actions.tsx';

interface ProviderModalProps {
  /** null = adding a new provider. */
  provider: Provider | null;
  onClose: () => void;
}

/** Rendered only while open, so each opening starts from the provider's current values. */
export function ProviderModal({ provider, onClose }: ProviderModalProps) {
  const { t } = useTranslation();
  const save = useSaveProvider();
  const [displayName, setDisplayName] = useState(provider?.displayName ?? '');
  const [credentials, setCredentials] = useState(provider?.credentials ?? '');
  const [specialty, setSpecialty] = useState(provider?.specialty ?? '');
  const [active, setActive] = useState(provider?.active ?? true);
  const [nameError, setNameError] = useState<string | null>(null);

  const submit = (event: SubmitEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (displayName.trim() === '') {
      setNameError(t('settings.required'));
      return;
    }
    setNameError(null);
    save.mutate(
      {
        id: provider?.id ?? null,
        body: {
          displayName: displayName.trim(),
          credentials: credentials.trim() || null,
          specialty: specialty.trim() || null,
          active,
        },
      },
      { onSuccess: onClose },
    );
  };

  return (
    <AppModal
      opened
      onClose={onClose}
      title={provider ? t('settings.providers.editTitle') : t('settings.providers.addTitle')}
    >
      <form onSubmit={submit} noValidate>
        <Stack gap="md">
          {save.isError ? <FormErrorAlert error={save.error} /> : null}
          <TextInput
            label={t('settings.providers.displayName')}
            value={displayName}
            onChange={(e) => {
              setDisplayName(e.currentTarget.value);
            }}
            error={nameError ?? issueFor(save.error, 'displayName')}
            required
            data-autofocus
          />
          <TextInput
            label={t('settings.providers.credentials')}
            description={t('settings.providers.credentialsHint')}
            value={credentials}
            onChange={(e) => {
              setCredentials(e.currentTarget.value);
            }}
            error={issueFor(save.error, 'credentials')}
          />
          <TextInput
            label={t('settings.providers.specialty')}
            value={specialty}
            onChange={(e) => {
              setSpecialty(e.currentTarget.value);
            }}
            error={issueFor(save.error, 'specialty')}
          />
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
