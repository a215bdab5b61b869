import { useEffect, useState } from 'react';
import { portalMe } from '@portico/contracts';
import { useQueryClient } from '@tanstack/react-query';
import { api, isApiError } from '../../ui/api-client.ts';
import { portalMeKey, useKeepAlive, usePortalSignOut } from './api.ts';
import { usePortalSession } from './portal-context.ts';
import { SessionTimeoutDialog } from './session-timeout-dialog.tsx';
import { useSessionClock } from './use-session-clock.ts';

/**
 * Warns two minutes before the session ends and clears the screen when it has. Before either, it
 * asks the server in the background (not counted as activity): work in another tab may have kept
 * the session alive, and the server's expiry is the one that counts.
 */
export function SessionTimeout() {
  const { me, leave } = usePortalSession();
  const queryClient = useQueryClient();
  const clock = useSessionClock(me.session);
  const keepAlive = useKeepAlive();
  const signOut = usePortalSignOut();
  const expiry = `${me.session.idleExpiresAt}|${me.session.absoluteExpiresAt}`;
  /** The warning or end the server has confirmed (`state|expiry`); the dialog shows only then. */
  const [confirmed, setConfirmed] = useState<string | null>(null);
  /** A warning about the 12-hour limit that the person has read (it cannot be extended). */
  const [dismissed, setDismissed] = useState<string | null>(null);
  const phase = clock.state === 'active' ? null : `${clock.state}|${expiry}`;
  const { endsBy } = clock;
  const { mutateAsync: endOnServer } = signOut;
  const { reset: resetStay } = keepAlive;

  useEffect(() => {
    if (phase === null || confirmed === phase) return;
    const controller = new AbortController();
    const ended = phase.startsWith('ended|');
    const check = async () => {
      try {
        const fresh = await api('/api/portal/auth/me', portalMe, {
          background: true,
          signal: controller.signal,
        });
        if (`${fresh.session.idleExpiresAt}|${fresh.session.absoluteExpiresAt}` !== expiry) {
          queryClient.setQueryData(portalMeKey, fresh); // kept alive elsewhere: start again
          return;
        }
        if (!ended) {
          setConfirmed(phase);
          return;
        }
        // Our clock says it has ended, the server's not yet (a fast clock): end it there too.
        await endOnServer().catch(() => undefined);
        leave(endsBy === 'idle' ? 'idle' : 'expired');
      } catch (error) {
        if (controller.signal.aborted) return;
        if (isApiError(error) && error.status === 401) {
          leave(ended && endsBy === 'idle' ? 'idle' : 'expired');
        } else if (ended) {
          leave(endsBy === 'idle' ? 'idle' : 'expired'); // offline: still clear the screen
        } else {
          setConfirmed(phase);
        }
      }
    };
    void check();
    return () => {
      controller.abort();
    };
  }, [phase, confirmed, expiry, endsBy, queryClient, leave, endOnServer]);

  const opened =
    confirmed !== null &&
    confirmed.endsWith(`|${expiry}`) &&
    clock.state !== 'active' &&
    dismissed !== expiry;

  // A failed "Stay signed in" belongs to that warning, not to the next one.
  useEffect(() => {
    if (!opened) resetStay();
  }, [opened, resetStay]);

  const onStay = () => {
    if (endsBy === 'absolute') {
      setDismissed(expiry);
      return;
    }
    keepAlive.mutate(undefined, {
      onError: (error) => {
        if (isApiError(error) && error.status === 401) leave('expired');
      },
    });
  };
  const onSignOut = () => {
    signOut.mutate(undefined, {
      onSettled: () => {
        leave('signed_out');
      },
    });
  };

  return (
    <SessionTimeoutDialog
      opened={opened}
      endsBy={endsBy}
      secondsLeft={clock.state === 'warning' ? clock.secondsLeft : 0}
      staying={keepAlive.isPending}
      signingOut={signOut.isPending}
      stayError={keepAlive.isError ? keepAlive.error : null}
      onStay={onStay}
      onSignOut={onSignOut}
    />
  );
}
