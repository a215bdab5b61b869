import { useState } from 'react';
import type { SubmitEvent } from 'react';
import { Alert, Button, Stack, Text } from '@mantine/core';
import { IconCircleCheck } from '@tabler/icons-react';
import { Link, useSearchParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { PasswordField } from '../../ui/components/password-field.tsx';
import { isApiError } from '../../ui/api-client.ts';
import { FormErrorAlert } from '../../ui/components/form-error-alert.tsx';
import { PageHeader } from '../../ui/components/page-header.tsx';
import { useSetPassword } from './api.ts';
import { PracticeAuthLayout } from './auth-layout.tsx';

const minLength = 15;

export function SetPasswordPage() {
  const { t } = useTranslation();
  const [params] = useSearchParams();
  const token = params.get('token') ?? '';
  const setPassword = useSetPassword();
  const [password, setPasswordValue] = useState('');
  const [clientError, setClientError] = useState<string | null>(null);

  const error = setPassword.error;
  const linkProblem = isApiError(error, 'NOT_FOUND');
  const fieldError =
    clientError ??
    (isApiError(error, 'VALIDATION')
      ? (error.issues.find((i) => i.path.endsWith('password'))?.message ?? error.message)
      : undefined);

  const submit = (event: SubmitEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (Array.from(password.normalize('NFKC')).length < minLength) {
      setClientError(t('practiceAuth.setPassword.tooShort', { count: minLength }));
      return;
    }
    setClientError(null);
    setPassword.mutate({ token, password });
  };

  if (setPassword.isSuccess) {
    return (
      <PracticeAuthLayout>
        <PageHeader title={t('practiceAuth.setPassword.doneTitle')} />
        <Stack gap="md">
          <Alert role="status" color="portico" icon={<IconCircleCheck aria-hidden="true" />}>
            {t('practiceAuth.setPassword.done')}
          </Alert>
          <Button component={Link} to="/practice/sign-in">
            {t('practiceAuth.setPassword.goToSignIn')}
          </Button>
        </Stack>
      </PracticeAuthLayout>
    );
  }

  return (
    <PracticeAuthLayout>
      <PageHeader title={t('practiceAuth.setPassword.title')} />
      {token === '' ? (
        <Alert role="alert" color="red" title={t('practiceAuth.setPassword.linkProblemTitle')}>
          {t('practiceAuth.setPassword.missingToken')}
        </Alert>
      ) : (
        <form onSubmit={submit} noValidate>
          <Stack gap="md">
            {linkProblem ? (
              <FormErrorAlert error={error} title={t('practiceAuth.setPassword.linkProblemTitle')}>
                <Text size="sm">{t('practiceAuth.setPassword.linkProblemHelp')}</Text>
              </FormErrorAlert>
            ) : null}
            {setPassword.isError && !linkProblem ? (
              <FormErrorAlert error={error} title={t('practiceAuth.setPassword.failed')} />
            ) : null}
            <PasswordField
              label={t('practiceAuth.fields.newPassword')}
              description={t('practiceAuth.setPassword.hint', { count: minLength })}
              autoComplete="new-password"
              value={password}
              onChange={(e) => {
                setPasswordValue(e.currentTarget.value);
              }}
              error={fieldError}
              required
            />
            <Button type="submit" loading={setPassword.isPending} fullWidth>
              {t('practiceAuth.setPassword.submit')}
            </Button>
          </Stack>
        </form>
      )}
    </PracticeAuthLayout>
  );
}
