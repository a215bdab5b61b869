import { Badge, Button, Group, Stack, Text } from '@mantine/core';
import {
  IconFileImport,
  IconHistory,
  IconMail,
  IconSettings,
  IconUsers,
} from '@tabler/icons-react';
import { Outlet, useNavigate } from 'react-router';
import { useTranslation } from 'react-i18next';
import { BrandMark } from '../../ui/components/brand-mark.tsx';
import { ConsoleShell } from '../../ui/shells/console-shell.tsx';
import type { ConsoleNavItem } from '../../ui/shells/console-shell.tsx';
import { useSignOut } from '../session/api.ts';
import { useStaff } from '../session/staff-context.ts';
import { MessagesNavIcon } from './messages-nav-icon.tsx';
import { useMayOpen } from './require-role.tsx';

const iconProps = { size: 18, stroke: 1.75, 'aria-hidden': true } as const;

/** The console frame: practice and user in the header, sections in the side navigation. */
export function PracticeLayout() {
  const { t } = useTranslation();
  const me = useStaff();
  const navigate = useNavigate();
  const signOut = useSignOut();

  // The API enforces every permission; the nav only hides what this role cannot use.
  const isAdmin = useMayOpen('admin');
  const canImport = useMayOpen('import');
  const navItems: ConsoleNavItem[] = [
    {
      to: '/practice/patients',
      label: t('practiceShell.nav.patients'),
      icon: <IconUsers {...iconProps} />,
    },
    {
      to: '/practice/messages',
      label: t('consoleMessages.nav.label'),
      icon: <MessagesNavIcon />,
    },
    ...(canImport
      ? [
          {
            to: '/practice/import',
            label: t('practiceShell.nav.import'),
            icon: <IconFileImport {...iconProps} />,
          },
        ]
      : []),
    ...(isAdmin
      ? [
          {
            to: '/practice/audit',
            label: t('practiceShell.nav.audit'),
            icon: <IconHistory {...iconProps} />,
          },
          {
            to: '/practice/dev-mailbox',
            label: t('practiceShell.nav.devMailbox'),
            icon: <IconMail {...iconProps} />,
          },
        ]
      : []),
    {
      to: '/practice/settings',
      label: t('practiceShell.nav.settings'),
      icon: <IconSettings {...iconProps} />,
    },
  ];

  const onSignOut = () => {
    signOut.mutate(undefined, {
      onSettled: () => {
        void navigate('/practice/sign-in', { replace: true });
      },
    });
  };

  return (
    <ConsoleShell
      brand={<BrandMark label={t('common.appName')} sub={me.practice.name} />}
      navLabel={t('practiceShell.navLabel')}
      navItems={navItems}
      navFooter={
        <Stack gap={2} hiddenFrom="sm" p="xs">
          <Text size="sm" fw={600}>
            {me.practice.name}
          </Text>
          <Text size="sm">{me.user.displayName}</Text>
          <Text size="xs" c="dimmed">
            {t(`common.roles.${me.role}`)}
          </Text>
        </Stack>
      }
      headerEnd={
        <Group gap="sm" wrap="nowrap">
          <Stack gap={0} align="flex-end" visibleFrom="sm">
            <Text size="sm" fw={600} lh={1.2}>
              {me.user.displayName}
            </Text>
            <Badge variant="light" size="sm" color="portico">
              {t(`common.roles.${me.role}`)}
            </Badge>
          </Stack>
          <Button variant="default" size="xs" onClick={onSignOut} loading={signOut.isPending}>
            {t('practiceShell.signOut')}
          </Button>
        </Group>
      }
    >
      <Outlet />
    </ConsoleShell>
  );
}
