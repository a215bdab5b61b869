import type { ReactNode } from 'react';
import { Paper } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { BrandMark } from '../../ui/components/brand-mark.tsx';
import { SimpleShell } from '../../ui/shells/simple-shell.tsx';

/** Centred card for the console's public pages (sign in, set password). */
export function PracticeAuthLayout({ children }: { children: ReactNode }) {
  const { t } = useTranslation();
  return (
    <SimpleShell
      size={480}
      brand={<BrandMark label={t('common.appName')} sub={t('practiceAuth.consoleName')} />}
    >
      <Paper withBorder shadow="xs" p={{ base: 'md', sm: 'xl' }} radius="md">
        {children}
      </Paper>
    </SimpleShell>
  );
}
