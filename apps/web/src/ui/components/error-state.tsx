import { Alert, Button, Stack, Text } from '@mantine/core';
import { IconAlertTriangle } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { errorRequestId, errorText } from '../error-text.ts';

interface ErrorStateProps {
  error: unknown;
  title?: string;
  onRetry?: () => void;
}

/** A failed load: the API's message, its request id (for support) and an optional retry. */
export function ErrorState({ error, title, onRetry }: ErrorStateProps) {
  const { t } = useTranslation();
  const requestId = errorRequestId(error);
  return (
    <Alert
      color="red"
      variant="light"
      title={title ?? t('common.errors.loadTitle')}
      icon={<IconAlertTriangle aria-hidden="true" />}
    >
      <Stack gap="xs" align="flex-start">
        <Text size="sm">{errorText(error, t)}</Text>
        {requestId ? (
          <Text size="xs" c="dimmed">
            {t('common.errors.reference', { requestId })}
          </Text>
        ) : null}
        {onRetry ? (
          <Button size="xs" variant="default" onClick={onRetry}>
            {t('common.actions.retry')}
          </Button>
        ) : null}
      </Stack>
    </Alert>
  );
}
