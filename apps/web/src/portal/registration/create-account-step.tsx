import { useRef, useState } from 'react';
import type { SubmitEvent } from 'react';
import { Alert, Anchor, Button, Checkbox, Stack, Text, TextInput } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { isApiError } from '../../ui/api-client.ts';
import { FormErrorAlert } from '../../ui/components/form-error-alert.tsx';
import { formatDateTime, todayIn } from '../../ui/format.ts';
import { useCreateAccount } from './api.ts';
import { DateOfBirthField } from './date-of-birth-field.tsx';
import { dateOfBirthFromParts, issueFor, passwordLength } from './form-rules.ts';
import type { DateParts } from './form-rules.ts';
import { NewPasswordField, usePasswordCheck } from './password-strength.tsx';
import { useRegistration } from './registration-context.ts';
import { TermsDialog } from './terms-dialog.tsx';
import type { LegalDocument } from './terms-dialog.tsx';
import { RetryAfter } from './retry-after.tsx';

const minPasswordLength = 15;

interface FieldErrors {
  email?: string | null;
  dateOfBirth?: string | null;
  password?: string | null;
  acceptTerms?: string | null;
}

/** Step 1: email, date of birth (proof the link holder is the patient), password, terms. */
export function CreateAccountStep({ onDone }: { onDone?: () => void }) {
  const { t, i18n } = useTranslation();
  const { token, state, refresh } = useRegistration();
  const create = useCreateAccount(token);
  const [email, setEmail] = useState(state.email ?? '');
  const [dob, setDob] = useState<DateParts>({ month: '', day: '', year: '' });
  const [password, setPassword] = useState('');
  const [accepted, setAccepted] = useState(false);
  const [errors, setErrors] = useState<FieldErrors>({});
  const [legal, setLegal] = useState<LegalDocument | null>(null);
  const formRef = useRef<HTMLFormElement>(null);
  const timeZone = Intl.DateTimeFormat().resolvedOptions().timeZone;
  const check = usePasswordCheck({ password, email: email.trim(), token });

  const focusFirstInvalid = () => {
    window.setTimeout(() => {
      formRef.current?.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus();
    }, 0);
  };

  const submit = (event: SubmitEvent<HTMLFormElement>) => {
    event.preventDefault();
    const next: FieldErrors = {};
    const trimmed = email.trim();
    if (trimmed === '') next.email = t('registration.create.emailRequired');
    else if (!/^[^\s@]+@[^\s@]+$/.test(trimmed)) next.email = t('registration.create.emailInvalid');
    const birth = dateOfBirthFromParts(dob, todayIn(timeZone));
    if (!birth.ok) next.dateOfBirth = t(`registration.create.dob.${birth.error}`);
    if (password === '') next.password = t('registration.create.passwordRequired');
    else if (passwordLength(password) < minPasswordLength) {
      next.password = t('registration.create.passwordTooShort');
    }
    if (!accepted) next.acceptTerms = t('registration.create.terms.required');
    setErrors(next);
    if (Object.values(next).some(Boolean) || !birth.ok) {
      focusFirstInvalid();
      return;
    }
    create.mutate(
      { email: trimmed, dateOfBirth: birth.isoDate, password, acceptTerms: true },
      {
        onSuccess: () => {
          onDone?.();
        },
        onError: (error) => {
          // Out of date-of-birth tries: the state says so (the form gives way to a notice).
          if (isApiError(error, 'FORBIDDEN')) refresh();
          if (!isApiError(error, 'VALIDATION')) return;
          const server: FieldErrors = {
            email: issueFor(error, 'email'),
            dateOfBirth: issueFor(error, 'dateOfBirth'),
            password: issueFor(error, 'password'),
            acceptTerms: issueFor(error, 'acceptTerms'),
          };
          setErrors(server);
          focusFirstInvalid();
        },
      },
    );
  };

  const showAlert = create.isError && !isApiError(create.error, 'LINK_UNUSABLE');

  if (state.dateOfBirthTriesLeft === 0) {
    return (
      <Alert role="alert" color="red" title={t('registration.create.dob.lockedTitle')}>
        {t('registration.create.dob.locked')}
      </Alert>
    );
  }

  return (
    <form ref={formRef} onSubmit={submit} noValidate>
      <Stack gap="lg">
        {showAlert ? (
          <FormErrorAlert
            error={create.error}
            title={t('registration.create.failed')}
            message={
              isApiError(create.error, 'VALIDATION')
                ? t('registration.errors.fixFields')
                : undefined
            }
          >
            <RetryAfter error={create.error} />
          </FormErrorAlert>
        ) : null}
        <TextInput
          label={t('registration.create.email')}
          description={t('registration.create.emailHelp')}
          type="email"
          inputMode="email"
          autoComplete="email"
          size="md"
          value={email}
          onChange={(e) => {
            setEmail(e.currentTarget.value);
          }}
          error={errors.email}
          required
        />
        <DateOfBirthField
          value={dob}
          onChange={setDob}
          practiceName={state.practice.name}
          error={errors.dateOfBirth}
        />
        <NewPasswordField
          label={t('registration.create.password')}
          description={t('registration.create.passwordHelp')}
          value={password}
          onChange={setPassword}
          error={errors.password}
          check={check}
        />
        <Stack gap={4}>
          <Checkbox
            size="md"
            checked={accepted}
            onChange={(e) => {
              setAccepted(e.currentTarget.checked);
            }}
            error={errors.acceptTerms}
            label={
              <>
                {t('registration.create.terms.labelStart')}{' '}
                <Anchor
                  component="button"
                  type="button"
                  inherit
                  onClick={() => {
                    setLegal('terms');
                  }}
                >
                  {t('registration.create.terms.termsLink')}
                </Anchor>{' '}
                {t('registration.create.terms.and')}{' '}
                <Anchor
                  component="button"
                  type="button"
                  inherit
                  onClick={() => {
                    setLegal('privacy');
                  }}
                >
                  {t('registration.create.terms.privacyLink')}
                </Anchor>
              </>
            }
          />
        </Stack>
        <Button type="submit" size="md" fullWidth loading={create.isPending}>
          {t('registration.create.submit')}
        </Button>
        <Text size="xs" c="dimmed">
          {t('registration.create.expires', {
            date: formatDateTime(state.expiresAt, timeZone, i18n.language),
          })}
        </Text>
      </Stack>
      <TermsDialog
        document={legal}
        onClose={() => {
          setLegal(null);
        }}
      />
    </form>
  );
}
