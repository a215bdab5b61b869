import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { ReactNode } from 'react';
import { Paper, Stack, Text } from '@mantine/core';
import { registrationSteps } from '@portico/contracts';
import type { LinkUnusableReason, PublicPractice, RegistrationState } from '@portico/contracts';
import { useQuery } from '@tanstack/react-query';
import { useParams, useSearchParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { isApiError } from '../../ui/api-client.ts';
import { ErrorState } from '../../ui/components/error-state.tsx';
import { LoadingState } from '../../ui/components/loading-state.tsx';
import { PageHeader } from '../../ui/components/page-header.tsx';
import { PortalShell } from '../shell/portal-shell.tsx';
import { publicPracticeQuery } from '../sign-in/api.ts';
import { fetchRegistrationStatus, registrationKey, verifyEmailByLink } from './api.ts';
import { CompleteStep } from './complete-step.tsx';
import { CreateAccountStep } from './create-account-step.tsx';
import { LinkAccountStep } from './link-account-step.tsx';
import { LinkUnusablePage } from './link-unusable-page.tsx';
import { RegistrationContext, useRegistration } from './registration-context.ts';
import type { RegistrationContextValue } from './registration-context.ts';
import { RegistrationProgress } from './registration-progress.tsx';
import { StepHeading } from './step-heading.tsx';
import { VerifyEmailStep } from './verify-email-step.tsx';
import { VerifyPhoneStep } from './verify-phone-step.tsx';

/** The API refuses shorter tokens (contracts: `registrationToken`). */
const minTokenLength = 20;

/**
 * `/portal/register/:token`: the invitation link. Shows the step the server says (a return with
 * the same link resumes there). `?verify=<linkToken>` is the email's one-click link: it is
 * posted once, then removed from the address bar.
 */
export function RegistrationPage() {
  const { t } = useTranslation();
  const { token = '' } = useParams();
  const [params, setParams] = useSearchParams();
  const [linkToken] = useState(() => params.get('verify'));
  const linkTried = useRef(false);
  const [linkFailed, setLinkFailed] = useState(false);
  const [unusable, setUnusable] = useState<LinkUnusableReason | null>(null);

  useEffect(() => {
    if (!params.has('verify')) return;
    const next = new URLSearchParams(params);
    next.delete('verify');
    setParams(next, { replace: true });
  }, [params, setParams]);

  const status = useQuery({
    queryKey: registrationKey(token),
    queryFn: async ({ signal }): Promise<RegistrationState> => {
      if (linkToken && !linkTried.current) {
        linkTried.current = true;
        try {
          return await verifyEmailByLink(token, linkToken);
        } catch {
          // A stale or reused email link: fall back to the code (the status below says where
          // the registration is; an unusable invitation shows its own page from there).
          setLinkFailed(true);
        }
      }
      return fetchRegistrationStatus(token, signal);
    },
    enabled: token.length >= minTokenLength,
    retry: (count, error) => !isApiError(error) && count < 2,
    staleTime: Infinity,
    // Nothing kept after leaving: a later visit asks the server again (the link may be used).
    gcTime: 0,
    meta: { skipAuthRedirect: true },
  });
  const practice = useQuery({
    ...publicPracticeQuery(status.data?.practice.slug ?? ''),
    enabled: status.data !== undefined,
  });

  const { refetch } = status;
  const refresh = useCallback(() => {
    void refetch();
  }, [refetch]);
  const markUnusable = useCallback((reason: LinkUnusableReason) => {
    setUnusable(reason);
  }, []);
  const context = useMemo<RegistrationContextValue | null>(
    () =>
      status.data
        ? {
            token,
            state: status.data,
            receivedAtMs: status.dataUpdatedAt,
            markUnusable,
            refresh,
          }
        : null,
    [token, status.data, status.dataUpdatedAt, markUnusable, refresh],
  );

  const reason = unusable ?? unusableReason(token, status.error);
  if (reason) return <LinkUnusablePage reason={reason} />;

  if (!context) {
    return (
      <PortalShell>
        {status.isError ? (
          <>
            <PageHeader title={t('registration.loadFailed')} />
            <ErrorState
              error={status.error}
              onRetry={() => {
                void status.refetch();
              }}
            />
          </>
        ) : (
          <LoadingState rows={6} label={t('registration.loading')} />
        )}
      </PortalShell>
    );
  }

  const brand: PublicPractice = practice.data ?? {
    ...context.state.practice,
    logoUrl: null,
    phone: null,
  };
  return (
    <PortalShell practice={brand}>
      <RegistrationContext value={context}>
        <RegistrationStepView linkFailed={linkFailed} />
      </RegistrationContext>
    </PortalShell>
  );
}

/** A link too short to be one, refused as malformed, or refused with a reason. */
function unusableReason(token: string, error: unknown): LinkUnusableReason | null {
  if (token.length < minTokenLength || isApiError(error, 'VALIDATION')) return 'invalid';
  if (isApiError(error, 'LINK_UNUSABLE')) return error.reason ?? 'invalid';
  return null;
}

function RegistrationStepView({ linkFailed }: { linkFailed: boolean }) {
  const { t } = useTranslation();
  const { state } = useRegistration();
  const [editingEmail, setEditingEmail] = useState(false);
  const editing = editingEmail && state.step === 'verify_email';
  const shown = editing ? 'create_account' : state.step;
  const current = registrationSteps.indexOf(shown) + 1;
  const total = registrationSteps.length;
  let title: string;
  let body: ReactNode;
  switch (state.step) {
    case 'create_account':
      title = t('registration.create.title');
      body = <CreateAccountStep />;
      break;
    case 'verify_email':
      if (editing) {
        title = t('registration.create.title');
        body = (
          <CreateAccountStep
            onDone={() => {
              setEditingEmail(false);
            }}
          />
        );
      } else if (state.linkExistingAccount) {
        title = t('registration.link.title');
        body = (
          <LinkAccountStep
            onChangeEmail={() => {
              setEditingEmail(true);
            }}
          />
        );
      } else {
        title = t('registration.email.title');
        body = (
          <VerifyEmailStep
            linkFailed={linkFailed}
            onChangeEmail={() => {
              setEditingEmail(true);
            }}
          />
        );
      }
      break;
    case 'verify_phone':
      title = t('registration.phone.title');
      body = <VerifyPhoneStep />;
      break;
    case 'complete':
      title = t('registration.complete.title');
      body = <CompleteStep />;
      break;
  }
  return (
    <Paper withBorder shadow="xs" radius="lg" p={{ base: 'md', sm: 'xl' }}>
      <Stack gap="lg">
        <RegistrationProgress step={shown} />
        <Stack gap="xs">
          {shown === 'create_account' ? (
            <Text size="lg" fw={600}>
              {t('registration.greeting', { firstName: state.firstName })}
            </Text>
          ) : null}
          <StepHeading title={title} current={current} total={total} />
          {shown === 'create_account' ? (
            <Text size="md">{t('registration.invitedBy', { practice: state.practice.name })}</Text>
          ) : null}
        </Stack>
        {body}
      </Stack>
    </Paper>
  );
}
