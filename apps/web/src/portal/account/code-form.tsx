import { useState } from 'react';
import type { ReactNode } from 'react';
import { Button, Group, Stack, TextInput } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { FormErrorAlert } from '../../ui/components/form-error-alert.tsx';
import { shownError } from '../session/reauth.tsx';
import { sixDigitCode } from './six-digit-code.ts';

interface CodeFormProps {
  label: string;
  hint?: string;
  invalidMessage: string;
  submitLabel: string;
  busy: boolean;
  error: unknown;
  onSubmit: (code: string) => void;
  onCancel: () => void;
  /** More actions beside Cancel (e.g. "Send a new code"). */
  extra?: ReactNode;
}

/** One 6-digit code field: numeric keypad on phones, one-time-code autofill, errors announced. */
export function CodeForm({
  label,
  hint,
  invalidMessage,
  submitLabel,
  busy,
  error,
  onSubmit,
  onCancel,
  extra,
}: CodeFormProps) {
  const { t } = useTranslation();
  const [typed, setTyped] = useState('');
  const [invalid, setInvalid] = useState(false);
  const failure = shownError(error);
  return (
    <form
      noValidate
      onSubmit={(event) => {
        event.preventDefault();
        const code = sixDigitCode(typed);
        setInvalid(code === null);
        if (code) onSubmit(code);
      }}
    >
      <Stack gap="sm">
        {failure && !invalid ? <FormErrorAlert error={failure} /> : null}
        <TextInput
          label={label}
          description={hint}
          value={typed}
          onChange={(event) => {
            setTyped(event.currentTarget.value);
          }}
          error={invalid ? invalidMessage : undefined}
          inputMode="numeric"
          autoComplete="one-time-code"
          maxLength={9}
          w={{ base: '100%', xs: 220 }}
          styles={{ input: { fontFamily: 'monospace', fontSize: 20, letterSpacing: 4 } }}
          required
        />
        <Group gap="sm">
          <Button type="submit" loading={busy}>
            {submitLabel}
          </Button>
          {extra}
          <Button variant="subtle" onClick={onCancel}>
            {t('common.actions.cancel')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
