import { Outlet } from 'react-router';
import { useTranslation } from 'react-i18next';
import { IconLock } from '@tabler/icons-react';
import { EmptyState } from '../../ui/components/empty-state.tsx';
import { PageHeader } from '../../ui/components/page-header.tsx';
import { useIsAdmin } from '../session/staff-context.ts';

/** Admin-only sections: others see a plain explanation (the API refuses them too). */
export function RequireAdmin() {
  const { t } = useTranslation();
  const isAdmin = useIsAdmin();
  if (isAdmin) return <Outlet />;
  return (
    <>
      <PageHeader title={t('practiceShell.adminOnly.title')} />
      <EmptyState
        icon={<IconLock size={32} stroke={1.5} aria-hidden="true" />}
        title={t('practiceShell.adminOnly.heading')}
        description={t('practiceShell.adminOnly.description')}
      />
    </>
  );
}
