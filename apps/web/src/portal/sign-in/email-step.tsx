import { useState } from 'react';
import type { SubmitEvent } from 'react';
import { Button, Stack, TextInput } from '@mantine/core';
import { useTranslation } from 'react-i18next';

/** Step 1: the email address (autofocused so a phone keyboard opens straight away). */
interface EmailStepProps {
  initial: string;
  /** True when coming back from the password step: put the cursor in the field. */
  focusOnMount: boolean;
  onContinue: (email: string) => void;
}

export function EmailStep({ initial, focusOnMount, onContinue }: EmailStepProps) {
  const { t } = useTranslation();
  const [email, setEmail] = useState(initial);
  const [error, setError] = useState<string | null>(null);

  const submit = (event: SubmitEvent<HTMLFormElement>) => {
    event.preventDefault();
    const value = email.trim();
    if (!/^[^\s@]+@[^\s@]+$/.test(value)) {
      setError(value === '' ? t('portal.signIn.emailRequired') : t('portal.signIn.emailInvalid'));
      return;
    }
    setError(null);
    onContinue(value);
  };

  return (
    <form onSubmit={submit} noValidate>
      <Stack gap="md">
        <TextInput
          label={t('portal.signIn.email')}
          type="email"
          inputMode="email"
          autoComplete="username"
          size="md"
          value={email}
          onChange={(e) => {
            setEmail(e.currentTarget.value);
          }}
          error={error}
          required
          autoFocus={focusOnMount}
        />
        <Button type="submit" size="md" fullWidth>
          {t('portal.signIn.continue')}
        </Button>
      </Stack>
    </form>
  );
}
