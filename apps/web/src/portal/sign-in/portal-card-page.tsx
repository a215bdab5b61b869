import type { ReactNode } from 'react';
import { Paper } from '@mantine/core';
import { PortalShell } from '../shell/portal-shell.tsx';
import { FocusedTitle } from './focused-title.tsx';

/** A one-card portal page (outside the signed-in frame): the title, then the card's content. */
export function PortalCardPage({
  title,
  focus,
  children,
}: {
  title: string;
  /** Whether the title takes the focus when it appears (see FocusedTitle). */
  focus?: boolean;
  children: ReactNode;
}) {
  return (
    <PortalShell>
      <Paper withBorder radius="lg" p={{ base: 'md', sm: 'xl' }}>
        <FocusedTitle title={title} focus={focus} />
        {children}
      </Paper>
    </PortalShell>
  );
}
