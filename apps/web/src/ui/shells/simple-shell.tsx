import type { ReactNode } from 'react';
import { Box, Container, Group } from '@mantine/core';
import type { MantineSize } from '@mantine/core';
import { SkipLink, mainContentId } from '../components/skip-link.tsx';
import { useFocusMainOnNavigate } from './use-focus-main.ts';
import classes from './shell.module.css';

interface SimpleShellProps {
  brand: ReactNode;
  headerEnd?: ReactNode;
  footer?: ReactNode;
  /** Width of the content column; the portal keeps it narrow for phones. */
  size?: MantineSize | number;
  children: ReactNode;
}

/** Header, one centred content column and a footer: the portal, sign-in pages and landing. */
export function SimpleShell({ brand, headerEnd, footer, size = 'sm', children }: SimpleShellProps) {
  useFocusMainOnNavigate();
  return (
    <div className={classes.simpleRoot}>
      <Box component="header" className={classes.simpleHeader}>
        <SkipLink />
        <Container size={size} py="sm">
          <Group justify="space-between" wrap="nowrap">
            {brand}
            {headerEnd}
          </Group>
        </Container>
      </Box>
      <Box component="main" id={mainContentId} tabIndex={-1} className={classes.simpleMain}>
        <Container size={size} py="xl" px="md">
          {children}
        </Container>
      </Box>
      {footer ? (
        <Box component="footer" className={classes.simpleFooter}>
          <Container size={size} py="md">
            {footer}
          </Container>
        </Box>
      ) : null}
    </div>
  );
}
