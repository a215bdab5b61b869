import { useEffect, useState } from 'react';
import { sessionClock } from './session-clock.ts';
import type { SessionClock, SessionExpiries } from './session-clock.ts';

/**
 * The session clock, re-rendered exactly when it changes: once when the warning is due, then every
 * second of the countdown. Timers sleep with a phone's screen, so the clock is read again whenever
 * the page becomes visible.
 */
export function useSessionClock(times: SessionExpiries): SessionClock {
  const key = `${times.idleExpiresAt}|${times.absoluteExpiresAt}|${times.warnBeforeSeconds}`;
  const [tick, setTick] = useState(() => ({ key, nowMs: Date.now() }));
  // New expiries from the server: read the clock afresh for them (React's "adjust state on prop change").
  if (tick.key !== key) setTick({ key, nowMs: Date.now() });

  const clock = sessionClock(times, tick.nowMs);
  const delayMs =
    clock.state === 'active'
      ? clock.msUntilWarning
      : clock.state === 'warning'
        ? clock.msUntilNextSecond
        : null;

  useEffect(() => {
    if (delayMs === null) return;
    const timer = window.setTimeout(() => {
      setTick({ key, nowMs: Date.now() });
    }, delayMs);
    return () => {
      window.clearTimeout(timer);
    };
  }, [delayMs, key, tick.nowMs]);

  useEffect(() => {
    const reread = () => {
      if (document.visibilityState === 'visible') setTick({ key, nowMs: Date.now() });
    };
    document.addEventListener('visibilitychange', reread);
    window.addEventListener('focus', reread);
    return () => {
      document.removeEventListener('visibilitychange', reread);
      window.removeEventListener('focus', reread);
    };
  }, [key]);

  return clock;
}
