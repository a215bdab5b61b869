import { Skeleton, Stack, VisuallyHidden } from '@mantine/core';
import { useTranslation } from 'react-i18next';

interface LoadingStateProps {
  label?: string;
  /** Number of placeholder rows to draw. */
  rows?: number;
}

/** A skeleton with a polite status message for screen readers. */
export function LoadingState({ label, rows = 4 }: LoadingStateProps) {
  const { t } = useTranslation();
  return (
    <Stack gap="sm" role="status" aria-live="polite" aria-busy="true">
      <VisuallyHidden>{label ?? t('common.loading')}</VisuallyHidden>
      {Array.from({ length: rows }, (_, i) => (
        <Skeleton key={i} height={i === 0 ? 28 : 20} width={i === 0 ? '40%' : '100%'} />
      ))}
    </Stack>
  );
}
