import { useState } from 'react';
import type { SubmitEvent } from 'react';
import { Anchor, Button, Stack, Text } from '@mantine/core';
import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import { isApiError } from '../../ui/api-client.ts';
import { FormErrorAlert } from '../../ui/components/form-error-alert.tsx';
import { PasswordField } from '../../ui/components/password-field.tsx';
import { useLinkAccount } from './api.ts';
import { issueFor } from './form-rules.ts';
import { useRegistration } from './registration-context.ts';
import { RetryAfter } from './retry-after.tsx';

/**
 * Step 2, when the verified email already has a Portico account (the same person at another
 * practice): its password links this patient to that account instead of making a second one.
 */
export function LinkAccountStep({ onChangeEmail }: { onChangeEmail: () => void }) {
  const { t } = useTranslation();
  const { token, state } = useRegistration();
  const link = useLinkAccount(token);
  const [password, setPassword] = useState('');
  const [error, setError] = useState<string | null>(null);
  const email = state.email ?? '';

  const submit = (event: SubmitEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (password === '') {
      setError(t('registration.link.passwordRequired'));
      return;
    }
    setError(null);
    link.mutate(
      { password },
      {
        onError: (failure) => {
          setPassword('');
          setError(issueFor(failure, 'password'));
        },
      },
    );
  };

  return (
    <form onSubmit={submit} noValidate>
      <Stack gap="md">
        <Text size="md" style={{ overflowWrap: 'anywhere' }}>
          {t('registration.link.body', { email, practice: state.practice.name })}
        </Text>
        {link.isError && !isApiError(link.error, 'LINK_UNUSABLE') ? (
          <FormErrorAlert error={link.error} title={t('registration.link.failed')}>
            <RetryAfter error={link.error} />
          </FormErrorAlert>
        ) : null}
        {/* For password managers: the account this password belongs to. */}
        <input type="hidden" name="username" autoComplete="username" value={email} readOnly />
        <PasswordField
          label={t('registration.link.password')}
          autoComplete="current-password"
          size="md"
          value={password}
          onChange={(e) => {
            setPassword(e.currentTarget.value);
          }}
          error={error}
          required
        />
        <Button type="submit" size="md" fullWidth loading={link.isPending}>
          {t('registration.link.submit')}
        </Button>
        <Anchor component={Link} to="/portal/forgot-password" size="sm">
          {t('registration.link.forgot')}
        </Anchor>
        <Anchor
          component="button"
          type="button"
          size="sm"
          style={{ alignSelf: 'flex-start' }}
          onClick={onChangeEmail}
        >
          {t('registration.link.differentEmail')}
        </Anchor>
      </Stack>
    </form>
  );
}
