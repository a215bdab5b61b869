import { useQuery } from '@tanstack/react-query';
import { Navigate, Outlet, useLocation } from 'react-router';
import { useTranslation } from 'react-i18next';
import { isApiError } from '../../ui/api-client.ts';
import { ErrorState } from '../../ui/components/error-state.tsx';
import { LoadingState } from '../../ui/components/loading-state.tsx';
import { PageHeader } from '../../ui/components/page-header.tsx';
import { SimpleShell } from '../../ui/shells/simple-shell.tsx';
import { BrandMark } from '../../ui/components/brand-mark.tsx';
import { staffMeQuery } from './api.ts';
import { signInPath } from './paths.ts';
import { StaffContext } from './staff-context.ts';

/** Loads the staff session; without one, sends the user to sign in and back here after. */
export function RequireStaff() {
  const { t } = useTranslation();
  const location = useLocation();
  const me = useQuery(staffMeQuery);

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
  return (
    <StaffContext value={me.data}>
      <Outlet />
    </StaffContext>
  );
}
