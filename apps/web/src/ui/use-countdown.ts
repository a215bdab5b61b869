import { useEffect, useState } from 'react';

/**
 * Seconds left of a wait of `seconds` that began at `startedAtMs` (epoch ms, e.g. when the answer
 * carrying `retryAfterSeconds` arrived). Re-renders once a second while the wait lasts.
 */
export function useCountdown(startedAtMs: number, seconds: number): number {
  const deadlineMs = startedAtMs + Math.max(0, seconds) * 1000;
  const [tickMs, setTickMs] = useState(startedAtMs);

  useEffect(() => {
    if (seconds <= 0) return;
    const timer = window.setInterval(() => {
      const now = Date.now();
      setTickMs(now);
      if (now >= deadlineMs) window.clearInterval(timer);
    }, 1000);
    return () => {
      window.clearInterval(timer);
    };
  }, [deadlineMs, seconds]);

  // A tick older than the start belongs to an earlier wait.
  const nowMs = Math.max(tickMs, startedAtMs);
  return seconds <= 0 ? 0 : Math.max(0, Math.ceil((deadlineMs - nowMs) / 1000));
}
