import type { ReactNode } from 'react';
import { AppShell, Burger, Group, NavLink, ScrollArea } from '@mantine/core';
import { useDisclosure, useMediaQuery } from '@mantine/hooks';
import { Link, useLocation } from 'react-router';
import { useTranslation } from 'react-i18next';
import { SkipLink, mainContentId } from '../components/skip-link.tsx';
import { useFocusMainOnNavigate } from './use-focus-main.ts';
import classes from './shell.module.css';

export interface ConsoleNavItem {
  to: string;
  label: string;
  icon: ReactNode;
}

interface ConsoleShellProps {
  brand: ReactNode;
  headerEnd: ReactNode;
  navLabel: string;
  navItems: ConsoleNavItem[];
  navFooter?: ReactNode;
  children: ReactNode;
}

/** The dense staff layout: header, side navigation (a burger on small screens) and main. */
export function ConsoleShell({
  brand,
  headerEnd,
  navLabel,
  navItems,
  navFooter,
  children,
}: ConsoleShellProps) {
  const { t } = useTranslation();
  const [opened, { toggle, close }] = useDisclosure(false);
  const { pathname } = useLocation();
  // Below the `sm` breakpoint the closed navbar is only moved off-screen: make it inert so
  // keyboard and screen-reader users do not land on links they cannot see.
  const small = useMediaQuery('(max-width: 47.99em)', undefined, {
    getInitialValueInEffect: false,
  });
  useFocusMainOnNavigate();

  return (
    <AppShell
      header={{ height: 56 }}
      navbar={{ width: 220, breakpoint: 'sm', collapsed: { mobile: !opened } }}
      padding="md"
    >
      <AppShell.Header>
        <SkipLink />
        <Group h="100%" px="md" justify="space-between" wrap="nowrap" gap="sm">
          <Group gap="sm" wrap="nowrap" miw={0}>
            <Burger
              opened={opened}
              onClick={toggle}
              hiddenFrom="sm"
              size="sm"
              aria-label={t('common.shell.toggleNavigation')}
              aria-expanded={opened}
              aria-controls="console-navigation"
            />
            {brand}
          </Group>
          {headerEnd}
        </Group>
      </AppShell.Header>
      <AppShell.Navbar
        id="console-navigation"
        aria-label={navLabel}
        p="xs"
        inert={small && !opened}
      >
        <AppShell.Section grow component={ScrollArea}>
          {navItems.map((item) => {
            const active = pathname === item.to || pathname.startsWith(`${item.to}/`);
            return (
              <NavLink
                key={item.to}
                component={Link}
                to={item.to}
                label={item.label}
                leftSection={item.icon}
                active={active}
                aria-current={active ? 'page' : undefined}
                onClick={close}
                className={classes.navLink}
              />
            );
          })}
        </AppShell.Section>
        {navFooter ? <AppShell.Section>{navFooter}</AppShell.Section> : null}
      </AppShell.Navbar>
      <AppShell.Main id={mainContentId} tabIndex={-1} className={classes.main}>
        {children}
      </AppShell.Main>
    </AppShell>
  );
}
