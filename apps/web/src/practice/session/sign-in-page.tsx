import { useState } from 'react';
import type { SubmitEvent } from 'react';
import { Alert, Button, Stack, TextInput } from '@mantine/core';
import { IconInfoCircle } from '@tabler/icons-react';
import { useLocation, useNavigate, useSearchParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { PasswordField } from '../../ui/components/password-field.tsx';
import { FormErrorAlert } from '../../ui/components/form-error-alert.tsx';
import { PageHeader } from '../../ui/components/page-header.tsx';
import { useSignIn } from './api.ts';
import { PracticeAuthLayout } from './auth-layout.tsx';
import { safeNext } from './paths.ts';
import type { SignInNotice } from './use-session-end.ts';

interface FieldErrors {
  email?: string;
  password?: string;
}

export function SignInPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const signIn = useSignIn();
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [errors, setErrors] = useState<FieldErrors>({});
  const expired = params.get('reason') === 'expired';
  /** Why the last session ended, in the API's words (e.g. too many wrong second-factor codes). */
  const notice = (useLocation().state as SignInNotice | null)?.notice;

  const submit = (event: SubmitEvent<HTMLFormElement>) => {
    event.preventDefault();
    const next: FieldErrors = {};
    if (email.trim() === '') next.email = t('practiceAuth.signIn.emailRequired');
    if (password === '') next.password = t('practiceAuth.signIn.passwordRequired');
    setErrors(next);
    if (next.email ?? next.password) return;
    signIn.mutate(
      { email: email.trim(), password },
      {
        onSuccess: () => {
          void navigate(safeNext(params.get('next')) ?? '/practice/patients', { replace: true });
        },
        onError: () => {
          setPassword('');
        },
      },
    );
  };

  return (
    <PracticeAuthLayout>
      <PageHeader
        title={t('practiceAuth.signIn.title')}
        description={t('practiceAuth.signIn.description')}
      />
      <form onSubmit={submit} noValidate>
        <Stack gap="md">
          {(expired || notice) && !signIn.isError ? (
            <Alert role="status" color="portico" icon={<IconInfoCircle aria-hidden="true" />}>
              {notice ?? t('practiceAuth.signIn.sessionEnded')}
            </Alert>
          ) : null}
          {signIn.isError ? (
            <FormErrorAlert error={signIn.error} title={t('practiceAuth.signIn.failed')} />
          ) : null}
          <TextInput
            label={t('practiceAuth.fields.email')}
            type="email"
            autoComplete="username"
            value={email}
            onChange={(e) => {
              setEmail(e.currentTarget.value);
            }}
            error={errors.email}
            required
          />
          <PasswordField
            label={t('practiceAuth.fields.password')}
            autoComplete="current-password"
            value={password}
            onChange={(e) => {
              setPassword(e.currentTarget.value);
            }}
            error={errors.password}
            required
          />
          <Button type="submit" loading={signIn.isPending} fullWidth>
            {t('practiceAuth.signIn.submit')}
          </Button>
        </Stack>
      </form>
    </PracticeAuthLayout>
  );
}
