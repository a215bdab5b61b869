import { Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { isApiError } from '../../ui/api-client.ts';

/** Under a lockout: the time sign-in works again (POLICY.md: 15 minutes after 10 failures). */
export function LockedUntil({ error }: { error: unknown }) {
  const { t, i18n } = useTranslation();
  if (!isApiError(error, 'ACCOUNT_LOCKED') && !isApiError(error, 'RATE_LIMITED')) return null;
  if (error.retryAfterSeconds === null) return null;
  const at = new Date(Date.now() + error.retryAfterSeconds * 1000);
  const time = new Intl.DateTimeFormat(i18n.language, {
    hour: 'numeric',
    minute: '2-digit',
  }).format(at);
  return (
    <Text size="sm" fw={600}>
      {t('portal.signIn.lockedUntil', { time })}
    </Text>
  );
}
