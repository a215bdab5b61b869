import { useState } from 'react';
import type { SubmitEvent } from 'react';
import { Alert, Anchor, Button, Stack, Text } from '@mantine/core';
import { IconCircleCheck } from '@tabler/icons-react';
import { Link, useParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { isApiError } from '../../ui/api-client.ts';
import { FormErrorAlert } from '../../ui/components/form-error-alert.tsx';
import { PasswordField } from '../../ui/components/password-field.tsx';
import { issueFor, passwordLength } from '../registration/form-rules.ts';
import { NewPasswordField, usePasswordCheck } from '../registration/password-strength.tsx';
import { useResetPassword } from './api.ts';
import { PortalCardPage } from './portal-card-page.tsx';
import { LockedUntil } from './sign-in-errors.tsx';

const minPasswordLength = 15;

interface FieldErrors {
  password?: string | null;
  confirm?: string | null;
}

/** `/portal/reset-password/:token`: the link from the forgot-password email (60 min, once). */
export function ResetPasswordPage() {
  const { t } = useTranslation();
  const { token = '' } = useParams();
  const reset = useResetPassword();
  const [password, setPassword] = useState('');
  const [confirm, setConfirm] = useState('');
  const [errors, setErrors] = useState<FieldErrors>({});
  const check = usePasswordCheck({ password });

  const submit = (event: SubmitEvent<HTMLFormElement>) => {
    event.preventDefault();
    const next: FieldErrors = {};
    if (password === '') next.password = t('portal.reset.passwordRequired');
    else if (passwordLength(password) < minPasswordLength) {
      next.password = t('portal.reset.passwordTooShort');
    }
    if (!next.password && confirm !== password) next.confirm = t('portal.reset.confirmMismatch');
    setErrors(next);
    if (next.password ?? next.confirm) return;
    reset.mutate(
      { token, password },
      {
        onError: (error) => {
          setErrors({ password: issueFor(error, 'password') });
        },
      },
    );
  };

  if (reset.isSuccess) {
    return (
      <PortalCardPage title={t('portal.reset.doneTitle')}>
        <Stack gap="md">
          <Alert role="status" color="portico" icon={<IconCircleCheck aria-hidden="true" />}>
            <Text size="md">{t('portal.reset.done')}</Text>
          </Alert>
          <Button component={Link} to="/portal" size="md" fullWidth>
            {t('portal.reset.signIn')}
          </Button>
        </Stack>
      </PortalCardPage>
    );
  }

  const unusable = token.length < 20 ? 'invalid' : linkReason(reset.error);
  if (unusable) {
    return (
      <PortalCardPage title={t('portal.reset.linkTitle')}>
        <Stack gap="md">
          <Text size="md">{t(`portal.reset.linkBody.${unusable}`)}</Text>
          <Button component={Link} to="/portal/forgot-password" size="md" fullWidth>
            {t('portal.reset.requestNew')}
          </Button>
          <Anchor component={Link} to="/portal">
            {t('portal.forgot.back')}
          </Anchor>
        </Stack>
      </PortalCardPage>
    );
  }

  return (
    <PortalCardPage title={t('portal.reset.title')} focus={false}>
      <form onSubmit={submit} noValidate>
        <Stack gap="md">
          <Text size="md">{t('portal.reset.intro')}</Text>
          {reset.isError ? (
            <FormErrorAlert error={reset.error} title={t('portal.reset.failed')}>
              <LockedUntil error={reset.error} />
            </FormErrorAlert>
          ) : null}
          <NewPasswordField
            label={t('portal.reset.password')}
            description={t('portal.reset.passwordHelp')}
            value={password}
            onChange={setPassword}
            error={errors.password}
            check={check}
            autoFocus
          />
          <PasswordField
            label={t('portal.reset.confirm')}
            autoComplete="new-password"
            size="md"
            value={confirm}
            onChange={(e) => {
              setConfirm(e.currentTarget.value);
            }}
            error={errors.confirm}
            required
          />
          <Button type="submit" size="md" fullWidth loading={reset.isPending}>
            {t('portal.reset.submit')}
          </Button>
        </Stack>
      </form>
    </PortalCardPage>
  );
}

function linkReason(error: unknown) {
  if (!isApiError(error, 'LINK_UNUSABLE')) return null;
  return error.reason ?? 'invalid';
}
