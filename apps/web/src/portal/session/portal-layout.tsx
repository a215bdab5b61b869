import { useCallback, useEffect, useMemo } from 'react';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import type { QueryClient } from '@tanstack/react-query';
import { Outlet, useLocation, useNavigate } from 'react-router';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../ui/api-client.ts';
import { ErrorState } from '../../ui/components/error-state.tsx';
import { LoadingState } from '../../ui/components/loading-state.tsx';
import { PageHeader } from '../../ui/components/page-header.tsx';
import { PortalShell } from '../shell/portal-shell.tsx';
import { portalMeKey, portalMeQuery, usePortalSignOut } from './api.ts';
import { portalSignInPath } from './paths.ts';
import { returnPathOf, type PortalSignedOutReason, type PortalSignedOutState } from './paths.ts';
import { PortalSessionContext } from './portal-context.ts';
import type { PortalSessionValue } from './portal-context.ts';
import { PortalFrame } from './portal-frame.tsx';
import { ReauthProvider } from './reauth.tsx';
import { SessionTimeout } from './session-timeout.tsx';

/**
 * A 401 ends the visit. Only an expired session gets a notice; without a session at all (or one
 * still waiting for its second factor) the sign-in page simply starts again.
 */
function endOfSession(error: unknown): { reason: PortalSignedOutReason | null } | null {
  if (!(error instanceof ApiError) || error.status !== 401) return null;
  return { reason: error.code === 'SESSION_EXPIRED' ? 'expired' : null };
}

/**
 * Why the visit ended, for the sign-in page. Arriving without a session at a thread (a notice's
 * link) remembers that thread, so signing in opens it; nothing else is remembered.
 */
function signedOutState(
  reason: PortalSignedOutReason | null,
  pathname: string,
): PortalSignedOutState | null {
  if (reason) return { signedOut: reason };
  const returnTo = returnPathOf(pathname);
  return returnTo ? { returnTo } : null;
}

/**
 * Any portal call answering 401 means the session is gone: leave. Any change made (a mutation)
 * was activity, which moved the idle expiry: read the session again.
 */
function useSessionWatch(
  queryClient: QueryClient,
  leave: (reason: PortalSignedOutReason | null) => void,
) {
  useEffect(() => {
    const unsubscribeQueries = queryClient.getQueryCache().subscribe((event) => {
      if (event.type !== 'updated' || event.action.type !== 'error') return;
      if (event.query.meta?.skipAuthRedirect) return;
      const end = endOfSession(event.action.error);
      if (end) leave(end.reason);
    });
    const unsubscribeMutations = queryClient.getMutationCache().subscribe((event) => {
      if (event.type !== 'updated') return;
      const { action } = event;
      if (event.mutation.meta?.skipAuthRedirect) return;
      if (action.type === 'success') {
        void queryClient.invalidateQueries({ queryKey: portalMeKey });
      } else if (action.type === 'error') {
        const end = endOfSession(action.error);
        if (end) leave(end.reason);
      }
    });
    return () => {
      unsubscribeQueries();
      unsubscribeMutations();
    };
  }, [queryClient, leave]);
}

/** The signed-in portal: loads the session, frames every page, watches the idle time-out. */
export function PortalLayout() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const { pathname } = useLocation();
  const queryClient = useQueryClient();
  const me = useQuery(portalMeQuery);
  const signOut = usePortalSignOut();

  /** Go to sign-in first, then forget everything cached (nothing of the visit stays in memory). */
  const leave = useCallback(
    (reason: PortalSignedOutReason | null) => {
      const state = signedOutState(reason, pathname);
      void Promise.resolve(navigate(portalSignInPath, { replace: true, state })).then(() => {
        queryClient.clear();
      });
    },
    [navigate, queryClient, pathname],
  );
  useSessionWatch(queryClient, leave);

  const session = useMemo<PortalSessionValue | null>(
    () => (me.data ? { me: me.data, leave } : null),
    [me.data, leave],
  );

  // No session: leave (nothing is remembered, not the page, not the email).
  const end = me.isError ? endOfSession(me.error) : null;
  const endReason = end?.reason;
  useEffect(() => {
    if (endReason !== undefined) leave(endReason);
  }, [endReason, leave]);

  if (!session || end) {
    return (
      <PortalShell>
        {me.isError && !end ? (
          <>
            <PageHeader title={t('portal.loadFailed')} />
            <ErrorState
              error={me.error}
              onRetry={() => {
                void me.refetch();
              }}
            />
          </>
        ) : (
          <LoadingState label={t('portalAccount.frame.checking')} />
        )}
      </PortalShell>
    );
  }

  const onSignOut = () => {
    signOut.mutate(undefined, {
      onSettled: () => {
        leave('signed_out');
      },
    });
  };

  return (
    <PortalSessionContext value={session}>
      <ReauthProvider>
        <PortalFrame onSignOut={onSignOut} signingOut={signOut.isPending}>
          <Outlet />
        </PortalFrame>
        <SessionTimeout />
      </ReauthProvider>
    </PortalSessionContext>
  );
}
