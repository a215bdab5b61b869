import { useEffect, useRef, useState } from 'react';
import type { SubmitEvent } from 'react';
import { Anchor, Button, Group, Stack, Text } from '@mantine/core';
import { Link, useLocation, useNavigate } from 'react-router';
import type { SecondFactorMethod } from '@portico/contracts';
import { useTranslation } from 'react-i18next';
import { PasswordField } from '../../ui/components/password-field.tsx';
import { FormErrorAlert } from '../../ui/components/form-error-alert.tsx';
import { usePortalSignIn } from './api.ts';
import { LockedUntil } from './sign-in-errors.tsx';
import { afterSignInPath } from '../session/paths.ts';

export interface MfaChallenge {
  methods: SecondFactorMethod[];
  smsTo: string | null;
}

interface PasswordStepProps {
  email: string;
  onChangeEmail: () => void;
  /** The password was right and the account has a second factor. */
  onMfaRequired: (challenge: MfaChallenge) => void;
}

/** Step 2: the password, with the email shown and a way back. */
export function PasswordStep({ email, onChangeEmail, onMfaRequired }: PasswordStepProps) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const location = useLocation();
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
    signIn.mutate(
      { email, password },
      {
        onSuccess: (result) => {
          if (result.status === 'signed_in') {
            void navigate(afterSignInPath(location.state), { replace: true });
          } else {
            onMfaRequired({ methods: result.methods, smsTo: result.smsTo });
          }
        },
        onError: () => {
          setPassword('');
        },
      },
    );
  };

  return (
    <form onSubmit={submit} noValidate>
      <Stack gap="md">
        {signIn.isError ? (
          <FormErrorAlert error={signIn.error} title={t('portal.signIn.failed')}>
            <LockedUntil error={signIn.error} />
          </FormErrorAlert>
        ) : null}
        {signIn.data?.status === 'signed_in' ? (
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
