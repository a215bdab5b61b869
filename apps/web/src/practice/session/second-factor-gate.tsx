import { useEffect } from 'react';
import { Stack } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { Navigate, useLocation } from 'react-router';
import { useTranslation } from 'react-i18next';
import type { StaffMe } from '@portico/contracts';
import { isApiError } from '../../ui/api-client.ts';
import { ErrorState } from '../../ui/components/error-state.tsx';
import { LoadingState } from '../../ui/components/loading-state.tsx';
import { staffMfaProbeQuery } from './api.ts';
import { PracticeAuthLayout } from './auth-layout.tsx';
import { EnrollScreen } from './enroll-screen.tsx';
import { FocusedTitle } from './focused-title.tsx';
import { LeaveLink } from './leave-link.tsx';
import { signInPath } from './paths.ts';
import { secondFactorStage } from './second-factor-rules.ts';
import { VerifyScreen } from './verify-screen.tsx';

interface SecondFactorGateProps {
  /** The first factor is set up: its recovery codes, to show once (null: none were issued). */
  onEnrolled: (codes: string[] | null) => void;
  /** The second factor was given: the complete session (or the cached one, marked complete). */
  onComplete: (me?: StaffMe) => void;
}

/**
 * Shown instead of the console while the session has not given its (mandatory) second factor:
 * set one up on the first sign-in, give it on later ones.
 */
export function SecondFactorGate({ onEnrolled, onComplete }: SecondFactorGateProps) {
  const { t } = useTranslation();
  const location = useLocation();
  const probe = useQuery(staffMfaProbeQuery);

  if (probe.isPending) {
    return (
      <PracticeAuthLayout>
        <LoadingState label={t('practiceAuth.mfa.checking')} />
      </PracticeAuthLayout>
    );
  }
  const stage = secondFactorStage(probe.isError ? { error: probe.error } : { status: probe.data });
  switch (stage) {
    case 'enroll':
      return <EnrollScreen onEnrolled={onEnrolled} />;
    case 'verify':
      return <VerifyScreen onVerified={onComplete} />;
    case 'complete':
      return <CompletedElsewhere onComplete={onComplete} />;
    case 'signed_out': {
      const expired = isApiError(probe.error, 'SESSION_EXPIRED');
      return <Navigate to={signInPath(location.pathname + location.search, expired)} replace />;
    }
    case 'error':
      return (
        <PracticeAuthLayout>
          <Stack gap="md">
            <FocusedTitle title={t('practiceAuth.mfa.enroll.title')} />
            <ErrorState
              error={probe.error}
              onRetry={() => {
                void probe.refetch();
              }}
            />
            <LeaveLink label={t('practiceAuth.mfa.signOut')} />
          </Stack>
        </PracticeAuthLayout>
      );
  }
}

/** The factor was given meanwhile (another tab): the console opens. */
function CompletedElsewhere({ onComplete }: { onComplete: () => void }) {
  const { t } = useTranslation();
  useEffect(() => {
    onComplete();
  }, [onComplete]);
  return (
    <PracticeAuthLayout>
      <LoadingState label={t('practiceAuth.mfa.checking')} />
    </PracticeAuthLayout>
  );
}
