import { useEffect, useRef } from 'react';
import type { ReactNode } from 'react';
import { Alert, Stack, Text } from '@mantine/core';
import { IconAlertCircle } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { errorRequestId, errorText } from '../error-text.ts';

interface FormErrorAlertProps {
  error: unknown;
  title?: string;
  /** Overrides the message taken from `error` (e.g. for client-side validation). */
  message?: string;
  /** Extra content below the message, e.g. a reload button. */
  children?: ReactNode;
}

/** Announces a failed submission (role="alert") and moves focus to it so it is read out. */
export function FormErrorAlert({ error, title, message: override, children }: FormErrorAlertProps) {
  const { t } = useTranslation();
  const ref = useRef<HTMLDivElement>(null);
  const message = override ?? errorText(error, t);
  const requestId = errorRequestId(error);

  useEffect(() => {
    ref.current?.focus();
  }, [error]);

  return (
    <Alert
      ref={ref}
      tabIndex={-1}
      role="alert"
      color="red"
      variant="light"
      title={title}
      icon={<IconAlertCircle aria-hidden="true" />}
    >
      <Stack gap={6} align="flex-start">
        <Text size="sm">{message}</Text>
        {requestId ? (
          <Text size="xs" c="dimmed">
            {t('common.errors.reference', { requestId })}
          </Text>
        ) : null}
        {children}
      </Stack>
    </Alert>
  );
}
