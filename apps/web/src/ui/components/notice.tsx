import type { ReactNode } from 'react';
import { Group, Paper, Stack, Text } from '@mantine/core';
import classes from './notice.module.css';

type Tone = 'info' | 'success' | 'warning' | 'neutral';

interface NoticeProps {
  tone?: Tone;
  title?: ReactNode;
  icon?: ReactNode;
  /** e.g. "status" when the notice appears in response to an action. */
  role?: 'status' | 'note';
  children?: ReactNode;
}

/** A calm, non-interrupting message (errors use Alert with role="alert" instead). */
export function Notice({ tone = 'info', title, icon, role, children }: NoticeProps) {
  return (
    <Paper className={classes.notice} data-tone={tone} role={role} p="sm" radius="md">
      <Group gap="sm" align="flex-start" wrap="nowrap">
        {icon ? <span className={classes.icon}>{icon}</span> : null}
        <Stack gap={4}>
          {title ? (
            <Text fw={600} size="sm">
              {title}
            </Text>
          ) : null}
          {children ? <div className={classes.body}>{children}</div> : null}
        </Stack>
      </Group>
    </Paper>
  );
}
