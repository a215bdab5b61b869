import { createContext, useCallback, useContext, useMemo, useState } from 'react';
import type { ReactNode } from 'react';
import { Button, Group, Stack, Text } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { isApiError } from '../../ui/api-client.ts';
import { AppModal } from '../../ui/components/app-modal.tsx';
import { FormErrorAlert } from '../../ui/components/form-error-alert.tsx';
import { PasswordField } from '../../ui/components/password-field.tsx';
import { portalMeKey, reauthenticate } from './api.ts';
import { usePortalMe } from './portal-context.ts';

/** The person closed the password dialog: the change was not made, and that is not an error. */
export class ReauthCancelled extends Error {
  override readonly name = 'ReauthCancelled';
  constructor() {
    super('Re-authentication cancelled');
  }
}

export function isReauthCancelled(error: unknown): boolean {
  return error instanceof ReauthCancelled;
}

/** Errors worth showing next to the action (a cancelled password prompt is not one). */
export function shownError(error: unknown): unknown {
  return error && !isReauthCancelled(error) ? error : null;
}

type WithReauth = <T>(action: () => Promise<T>) => Promise<T>;

const ReauthContext = createContext<WithReauth | null>(null);

/**
 * Runs a sensitive action; if the API answers 403 REAUTH_REQUIRED (no password in the last
 * 10 minutes), asks for the password, then runs the action again. Rejects with ReauthCancelled
 * when the person closes the dialog. Use it inside a mutation function:
 * `mutationFn: () => withReauth(() => api(...))`.
 */
export function useReauth(): WithReauth {
  const withReauth = useContext(ReauthContext);
  if (!withReauth) throw new Error('useReauth must be used inside ReauthProvider');
  return withReauth;
}

interface Waiter {
  resolve: () => void;
  reject: (error: Error) => void;
}

export function ReauthProvider({ children }: { children: ReactNode }) {
  const [waiters, setWaiters] = useState<Waiter[]>([]);

  const askPassword = useCallback(
    () =>
      new Promise<void>((resolve, reject) => {
        setWaiters((current) => [...current, { resolve, reject }]);
      }),
    [],
  );

  const withReauth = useCallback<WithReauth>(
    async (action) => {
      try {
        return await action();
      } catch (error) {
        if (!isApiError(error, 'REAUTH_REQUIRED')) throw error;
        await askPassword();
        return action();
      }
    },
    [askPassword],
  );

  const settle = (outcome: 'confirmed' | 'cancelled') => {
    for (const waiter of waiters) {
      if (outcome === 'confirmed') waiter.resolve();
      else waiter.reject(new ReauthCancelled());
    }
    setWaiters([]);
  };

  const value = useMemo(() => withReauth, [withReauth]);
  return (
    <ReauthContext value={value}>
      {children}
      {waiters.length > 0 ? (
        <ReauthDialog
          onConfirmed={() => {
            settle('confirmed');
          }}
          onCancel={() => {
            settle('cancelled');
          }}
        />
      ) : null}
    </ReauthContext>
  );
}

function ReauthDialog({
  onConfirmed,
  onCancel,
}: {
  onConfirmed: () => void;
  onCancel: () => void;
}) {
  const { t } = useTranslation();
  const me = usePortalMe();
  const queryClient = useQueryClient();
  const [password, setPassword] = useState('');
  const [missing, setMissing] = useState(false);
  const confirm = useMutation({
    mutationFn: (value: string) => reauthenticate(value),
    meta: { skipAuthRedirect: true },
    onSuccess: (me) => {
      queryClient.setQueryData(portalMeKey, me);
      onConfirmed();
    },
  });

  const error = missing ? null : confirm.error;
  return (
    <AppModal opened onClose={onCancel} title={t('portalAccount.reauth.title')} size="sm">
      <form
        noValidate
        onSubmit={(event) => {
          event.preventDefault();
          if (password === '') {
            setMissing(true);
            return;
          }
          setMissing(false);
          confirm.mutate(password);
        }}
      >
        <Stack gap="md">
          <Text size="sm">{t('portalAccount.reauth.body')}</Text>
          {error ? <FormErrorAlert error={error} title={t('portalAccount.reauth.failed')} /> : null}
          {/* Lets password managers offer the right saved password. */}
          <input
            type="email"
            name="username"
            autoComplete="username"
            value={me.account.email}
            readOnly
            hidden
          />
          <PasswordField
            label={t('portalAccount.reauth.password')}
            autoComplete="current-password"
            value={password}
            onChange={(event) => {
              setPassword(event.currentTarget.value);
            }}
            error={missing ? t('portalAccount.reauth.passwordRequired') : undefined}
            data-autofocus
            required
          />
          <Group justify="flex-end" gap="sm">
            <Button variant="default" onClick={onCancel}>
              {t('common.actions.cancel')}
            </Button>
            <Button type="submit" loading={confirm.isPending}>
              {t('portalAccount.reauth.submit')}
            </Button>
          </Group>
        </Stack>
      </form>
    </AppModal>
  );
}
