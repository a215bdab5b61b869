import { useState } from 'react';
import type { SubmitEvent } from 'react';
import { Alert, Anchor, Button, Stack, Text, TextInput } from '@mantine/core';
import { IconMailCheck } from '@tabler/icons-react';
import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import { FormErrorAlert } from '../../ui/components/form-error-alert.tsx';
import { useForgotPassword } from './api.ts';
import { PortalCardPage } from './portal-card-page.tsx';
import { LockedUntil } from './sign-in-errors.tsx';

/**
 * `/portal/forgot-password`: always the same confirmation, whether or not an account exists for
 * the address (POLICY.md: no enumeration).
 */
export function ForgotPasswordPage() {
  const { t } = useTranslation();
  const forgot = useForgotPassword();
  const [email, setEmail] = useState('');
  const [error, setError] = useState<string | null>(null);

  const submit = (event: SubmitEvent<HTMLFormElement>) => {
    event.preventDefault();
    const value = email.trim();
    if (!/^[^\s@]+@[^\s@]+$/.test(value)) {
      setError(value === '' ? t('portal.signIn.emailRequired') : t('portal.signIn.emailInvalid'));
      return;
    }
    setError(null);
    forgot.mutate({ email: value });
  };

  if (forgot.isSuccess) {
    return (
      <PortalCardPage title={t('portal.forgot.sentTitle')}>
        <Stack gap="md">
          <Alert role="status" color="portico" icon={<IconMailCheck aria-hidden="true" />}>
            <Text size="md" style={{ overflowWrap: 'anywhere' }}>
              {t('portal.forgot.sent', { email: forgot.variables.email })}
            </Text>
          </Alert>
          <Text size="md">{t('portal.forgot.sentHelp')}</Text>
          <Anchor
            component="button"
            type="button"
            style={{ alignSelf: 'flex-start' }}
            onClick={() => {
              forgot.reset();
            }}
          >
            {t('portal.forgot.tryAgain')}
          </Anchor>
          <Anchor component={Link} to="/portal">
            {t('portal.forgot.back')}
          </Anchor>
        </Stack>
      </PortalCardPage>
    );
  }

  return (
    <PortalCardPage title={t('portal.forgot.title')} focus={false}>
      <form onSubmit={submit} noValidate>
        <Stack gap="md">
          <Text size="md">{t('portal.forgot.intro')}</Text>
          {forgot.isError ? (
            <FormErrorAlert error={forgot.error} title={t('portal.forgot.failed')}>
              <LockedUntil error={forgot.error} />
            </FormErrorAlert>
          ) : null}
          <TextInput
            label={t('portal.forgot.email')}
            type="email"
            inputMode="email"
            autoComplete="email"
            size="md"
            value={email}
            onChange={(e) => {
              setEmail(e.currentTarget.value);
            }}
            error={error}
            required
            autoFocus
          />
          <Button type="submit" size="md" fullWidth loading={forgot.isPending}>
            {t('portal.forgot.submit')}
          </Button>
          <Anchor component={Link} to="/portal">
            {t('portal.forgot.back')}
          </Anchor>
        </Stack>
      </form>
    </PortalCardPage>
  );
}
