import { useState } from 'react';
import { Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { isApiError } from '../../ui/api-client.ts';
import { formatCountdown } from '../../ui/format.ts';
import { useCountdown } from '../../ui/use-countdown.ts';

/** "You can try again in 0:42" under a RATE_LIMITED / COOLDOWN / ACCOUNT_LOCKED error. */
export function RetryAfter({ error }: { error: unknown }) {
  const seconds =
    (isApiError(error, 'RATE_LIMITED') ||
      isApiError(error, 'COOLDOWN') ||
      isApiError(error, 'ACCOUNT_LOCKED')) &&
    error.retryAfterSeconds !== null
      ? error.retryAfterSeconds
      : 0;
  // The wait counts from when this error arrived (a new error restarts it).
  const [arrival, setArrival] = useState(() => ({ error, atMs: Date.now() }));
  if (arrival.error !== error) setArrival({ error, atMs: Date.now() });
  const startedAtMs = arrival.atMs;
  const remaining = useCountdown(startedAtMs, seconds);
  const { t } = useTranslation();
  if (seconds === 0) return null;
  return (
    <Text size="sm" fw={600}>
      {t('registration.errors.retryIn', { time: formatCountdown(remaining) })}
    </Text>
  );
}
