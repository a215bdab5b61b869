import { useCallback, useState } from 'react';
import { isApiError } from '../../ui/api-client.ts';
import { useCountdown } from '../../ui/use-countdown.ts';

/**
 * A "you can ask again in 0:42" wait: starts from the server's `resendAfterSeconds` (when it
 * arrived) and restarts on RATE_LIMITED/COOLDOWN answers. Returns the seconds left.
 */
export function useWait(initial: { startedAtMs: number; seconds: number }) {
  const [override, setOverride] = useState<{ startedAtMs: number; seconds: number } | null>(null);
  const wait = override && override.startedAtMs >= initial.startedAtMs ? override : initial;
  const remaining = useCountdown(wait.startedAtMs, wait.seconds);
  const waitAfter = useCallback((error: unknown) => {
    if (
      (isApiError(error, 'COOLDOWN') || isApiError(error, 'RATE_LIMITED')) &&
      error.retryAfterSeconds !== null
    ) {
      setOverride({ startedAtMs: Date.now(), seconds: error.retryAfterSeconds });
    }
  }, []);
  return { remaining, waitAfter };
}
