import { useEffect, useRef, useState } from 'react';
import { portalMe } from '@portico/contracts';
import { useQueryClient } from '@tanstack/react-query';
import { api, isApiError } from '../../ui/api-client.ts';
import { mainContentId } from '../../ui/components/skip-link.tsx';
import { portalMeKey, useKeepAlive, usePortalSignOut } from './api.ts';
import { usePortalSession } from './portal-context.ts';
import { SessionTimeoutDialog } from './session-timeout-dialog.tsx';
import { afterSessionCheck } from './session-clock.ts';
import type { SessionCheckAnswer } from './session-clock.ts';
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
    const state = phase.startsWith('ended|') ? 'ended' : 'warning';
    const check = async () => {
      let answer: SessionCheckAnswer;
      try {
        const fresh = await api('/api/portal/auth/me', portalMe, {
          background: true,
          signal: controller.signal,
        });
        if (controller.signal.aborted) return;
        const freshExpiry = `${fresh.session.idleExpiresAt}|${fresh.session.absoluteExpiresAt}`;
        if (freshExpiry !== expiry) queryClient.setQueryData(portalMeKey, fresh);
        answer = { ok: true, expiry: freshExpiry };
      } catch (error) {
        if (controller.signal.aborted) return;
        answer = { ok: false, unauthorized: isApiError(error) && error.status === 401 };
      }
      const outcome = afterSessionCheck({ state, endsBy, expiry, answer });
      switch (outcome.kind) {
        case 'extended':
          return; // the new expiries re-render this with a fresh clock
        case 'warn':
          setConfirmed(phase);
          return;
        case 'leave':
          if (outcome.endOnServer) await endOnServer().catch(() => undefined);
          leave(outcome.reason);
          return;
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

  // A failed "Stay signed in" belongs to that warning, not to the next one. The dialog opened by
  // itself, so focus may have had nowhere to return to: put it at the start of the page.
  const wasOpen = useRef(false);
  useEffect(() => {
    if (opened) {
      wasOpen.current = true;
      return;
    }
    resetStay();
    if (!wasOpen.current) return;
    wasOpen.current = false;
    const timer = window.setTimeout(() => {
      if (document.activeElement === document.body) document.getElementById(mainContentId)?.focus();
    }, 0);
    return () => {
      window.clearTimeout(timer);
    };
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
