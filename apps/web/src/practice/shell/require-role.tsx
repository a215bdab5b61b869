import { Outlet } from 'react-router';
import { useTranslation } from 'react-i18next';
import { IconLock } from '@tabler/icons-react';
import type { StaffRole } from '@portico/contracts';
import { EmptyState } from '../../ui/components/empty-state.tsx';
import { PageHeader } from '../../ui/components/page-header.tsx';
import { useStaff } from '../session/staff-context.ts';

/**
 * Console sections only some roles may open, and which. The API enforces the same permissions
 * (`apps/api/src/platform/auth/roles.ts`); the console only hides what a role cannot use.
 */
export const sectionRoles = {
  /** Audit log and dev mailbox. */
  admin: ['admin'],
  /** CSV patient import (`patients.import`). */
  import: ['admin', 'front_desk'],
  /** Portal invitations: send, re-send, revoke (`patients.invite`). */
  invite: ['admin', 'clinician', 'front_desk'],
} as const satisfies Record<string, readonly StaffRole[]>;

export type RestrictedSection = keyof typeof sectionRoles;

/** Whether the signed-in staff member's role may open `section`. */
export function useMayOpen(section: RestrictedSection): boolean {
  const roles: readonly StaffRole[] = sectionRoles[section];
  return roles.includes(useStaff().role);
}

const notices = { admin: 'adminOnly', import: 'importOnly', invite: 'inviteOnly' } as const;

/** Guards a group of routes: other roles see a plain explanation (the API refuses them too). */
export function RequireRole({ section }: { section: RestrictedSection }) {
  const { t } = useTranslation();
  const mayOpen = useMayOpen(section);
  if (mayOpen) return <Outlet />;
  const notice = notices[section];
  return (
    <>
      <PageHeader title={t(`practiceShell.${notice}.title`)} />
      <EmptyState
        icon={<IconLock size={32} stroke={1.5} aria-hidden="true" />}
        title={t(`practiceShell.${notice}.heading`)}
        description={t(`practiceShell.${notice}.description`)}
      />
    </>
  );
}
