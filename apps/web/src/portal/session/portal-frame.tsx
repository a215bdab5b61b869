import { useRef } from 'react';
import type { ReactNode } from 'react';
import { Box, Burger, Container, Stack, Text, UnstyledButton } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { Link, useLocation } from 'react-router';
import { useTranslation } from 'react-i18next';
import { SkipLink, mainContentId } from '../../ui/components/skip-link.tsx';
import { useFocusMainOnNavigate } from '../../ui/shells/use-focus-main.ts';
import { usePortalMe } from './portal-context.ts';
import { UnreadBadge } from './unread-badge.tsx';
import classes from './portal-frame.module.css';

const navId = 'portal-navigation';

interface PortalFrameProps {
  onSignOut: () => void;
  signingOut: boolean;
  children: ReactNode;
}

/** The signed-in portal: the practice in the header, a few links (a menu on phones), main, footer. */
export function PortalFrame({ onSignOut, signingOut, children }: PortalFrameProps) {
  const { t } = useTranslation();
  const me = usePortalMe();
  const { pathname } = useLocation();
  const [opened, { toggle, close }] = useDisclosure(false);
  const burger = useRef<HTMLButtonElement>(null);
  useFocusMainOnNavigate();

  const links = [
    { to: '/portal/home', label: t('portalAccount.nav.home') },
    { to: '/portal/messages', label: t('portalMessages.nav.messages'), unread: true },
    { to: '/portal/notifications', label: t('portalMessages.nav.notifications') },
    { to: '/portal/security', label: t('portalAccount.nav.security') },
    { to: '/portal/sessions', label: t('portalAccount.nav.sessions') },
  ];
  // Messages stays current inside a thread and on "New message".
  const isCurrent = (to: string) => pathname === to || pathname.startsWith(`${to}/`);
  const practiceName = me.patient?.practice.name ?? me.records[0]?.practiceName ?? null;

  return (
    <div className={classes.root}>
      <Box component="header" className={classes.header}>
        <SkipLink />
        <Container size={720} px="md">
          <div className={classes.bar}>
            <Stack gap={0} className={classes.brand}>
              <Text fw={700} size="lg" truncate>
                {practiceName ?? t('common.appName')}
              </Text>
              <Text size="xs" c="dimmed">
                {t('portal.tagline')}
              </Text>
            </Stack>
            <Burger
              ref={burger}
              opened={opened}
              onClick={toggle}
              hiddenFrom="sm"
              size="sm"
              aria-label={t('portalAccount.nav.menu')}
              aria-expanded={opened}
              aria-controls={navId}
            />
            <nav
              id={navId}
              aria-label={t('portalAccount.nav.label')}
              className={classes.nav}
              data-opened={opened || undefined}
              onKeyDown={(event) => {
                // Escape folds the phone menu back and returns to its button.
                if (event.key !== 'Escape' || !opened) return;
                close();
                burger.current?.focus();
              }}
            >
              <ul className={classes.navList}>
                {links.map((link) => (
                  <li key={link.to}>
                    <Link
                      to={link.to}
                      className={classes.navLink}
                      aria-current={isCurrent(link.to) ? 'page' : undefined}
                      onClick={close}
                    >
                      {link.label}
                      {link.unread && me.patient ? <UnreadBadge /> : null}
                    </Link>
                  </li>
                ))}
                <li>
                  <UnstyledButton
                    className={classes.navLink}
                    onClick={onSignOut}
                    disabled={signingOut}
                    aria-busy={signingOut || undefined}
                  >
                    {t('portalAccount.nav.signOut')}
                  </UnstyledButton>
                </li>
              </ul>
            </nav>
          </div>
        </Container>
      </Box>
      <Box component="main" id={mainContentId} tabIndex={-1} className={classes.main}>
        <Container size={720} py="xl" px="md">
          <RecordInUse />
          {children}
        </Container>
      </Box>
      <Box component="footer" className={classes.footer}>
        <Container size={720} py="md" px="md">
          <Text size="xs" c="dimmed">
            {t('portal.footer.poweredBy')}
          </Text>
        </Container>
      </Box>
    </div>
  );
}

/** With more than one record (several practices, later proxies): whose record this is. */
function RecordInUse() {
  const { t } = useTranslation();
  const me = usePortalMe();
  if (me.records.length < 2 || !me.patient) return null;
  return (
    <Text size="sm" c="dimmed" mb="md">
      {t('portalAccount.frame.recordInUse', {
        firstName: me.patient.firstName,
        practice: me.patient.practice.name,
      })}
    </Text>
  );
}
