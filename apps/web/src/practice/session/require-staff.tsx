import { useState } from 'react';
import { useQuery } from '@tanstack/react-query';
import { Navigate, Outlet, useLocation } from 'react-router';
import { useTranslation } from 'react-i18next';
import { isApiError } from '../../ui/api-client.ts';
import { ErrorState } from '../../ui/components/error-state.tsx';
import { LoadingState } from '../../ui/components/loading-state.tsx';
import { PageHeader } from '../../ui/components/page-header.tsx';
import { SimpleShell } from '../../ui/shells/simple-shell.tsx';
import { BrandMark } from '../../ui/components/brand-mark.tsx';
import { staffMeQuery, useCompleteSecondFactor } from './api.ts';
import { RecoveryCodesScreen } from './recovery-codes-screen.tsx';
import { SecondFactorGate } from './second-factor-gate.tsx';
import { signInPath } from './paths.ts';
import { StaffContext } from './staff-context.ts';

/**
 * Loads the staff session; without one, sends the user to sign in and back here after. A session
 * that has not given its (mandatory) second factor sees the second-factor screens instead of the
 * console; a first factor's recovery codes are shown once before the console opens.
 */
export function RequireStaff() {
  const { t } = useTranslation();
  const location = useLocation();
  const me = useQuery(staffMeQuery);
  const complete = useCompleteSecondFactor();
  const [recoveryCodes, setRecoveryCodes] = useState<string[] | null>(null);

  if (me.isPending) {
    return (
      <SimpleShell brand={<BrandMark label={t('common.appName')} />}>
        <LoadingState label={t('practiceAuth.session.checking')} />
      </SimpleShell>
    );
  }
  if (me.isError) {
    if (isApiError(me.error) && me.error.status === 401) {
      const expired = me.error.code === 'SESSION_EXPIRED';
      return <Navigate to={signInPath(location.pathname + location.search, expired)} replace />;
    }
    return (
      <SimpleShell brand={<BrandMark label={t('common.appName')} />}>
        <PageHeader title={t('practiceAuth.consoleName')} />
        <ErrorState
          error={me.error}
          onRetry={() => {
            void me.refetch();
          }}
        />
      </SimpleShell>
    );
  }
  // Kept until acknowledged, even if the session is already known to be complete.
  if (recoveryCodes) {
    return (
      <RecoveryCodesScreen
        codes={recoveryCodes}
        onDone={() => {
          complete();
          setRecoveryCodes(null);
        }}
      />
    );
  }
  if (!me.data.session.secondFactorSatisfied) {
    return (
      <SecondFactorGate
        onEnrolled={(codes) => {
          if (codes) setRecoveryCodes(codes);
          else complete();
        }}
        onComplete={complete}
      />
    );
  }
  return (
    <StaffContext value={me.data}>
      <Outlet />
    </StaffContext>
  );
}
