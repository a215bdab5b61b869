import { useEffect, useRef, useState } from 'react';
import type { SubmitEvent } from 'react';
import { Anchor, Button, Group, Stack, Text } from '@mantine/core';
import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import { PasswordField } from '../../ui/components/password-field.tsx';
import { FormErrorAlert } from '../../ui/components/form-error-alert.tsx';
import { usePortalSignIn } from './api.ts';

interface PasswordStepProps {
  email: string;
  onChangeEmail: () => void;
}

/** Step 2: the password, with the email shown and a way back. */
export function PasswordStep({ email, onChangeEmail }: PasswordStepProps) {
  const { t } = useTranslation();
  const signIn = usePortalSignIn();
  const [password, setPassword] = useState('');
  const [error, setError] = useState<string | null>(null);
  const inputRef = useRef<HTMLInputElement>(null);

  useEffect(() => {
    inputRef.current?.focus();
  }, []);

  const submit = (event: SubmitEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (password === '') {
      setError(t('portal.signIn.passwordRequired'));
      return;
    }
    setError(null);
    signIn.mutate({ email, password });
  };

  return (
    <form onSubmit={submit} noValidate>
      <Stack gap="md">
        {signIn.isError ? (
          <FormErrorAlert error={signIn.error} title={t('portal.signIn.failed')} />
        ) : null}
        {signIn.isSuccess ? (
          <Text role="status" size="sm">
            {t('portal.signIn.success')}
          </Text>
        ) : null}
        <Group gap="xs" justify="space-between" wrap="wrap">
          <Text size="sm" style={{ overflowWrap: 'anywhere' }}>
            {t('portal.signIn.signingInAs', { email })}
          </Text>
          <Anchor component="button" type="button" size="sm" onClick={onChangeEmail}>
            {t('portal.signIn.differentEmail')}
          </Anchor>
        </Group>
        <PasswordField
          ref={inputRef}
          label={t('portal.signIn.password')}
          autoComplete="current-password"
          size="md"
          value={password}
          onChange={(e) => {
            setPassword(e.currentTarget.value);
          }}
          error={error}
          required
        />
        <Button type="submit" size="md" fullWidth loading={signIn.isPending}>
          {t('portal.signIn.submit')}
        </Button>
        <Anchor component={Link} to="/portal/forgot-password" size="sm">
          {t('portal.signIn.forgot')}
        </Anchor>
      </Stack>
    </form>
  );
}
