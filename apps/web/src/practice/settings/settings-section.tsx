import type { ReactNode } from 'react';
import { Card, Group, Title } from '@mantine/core';

interface SettingsSectionProps {
  id: string;
  title: string;
  action?: ReactNode;
  children: ReactNode;
}

export function SettingsSection({ id, title, action, children }: SettingsSectionProps) {
  return (
    <Card withBorder padding="md" radius="md" component="section" aria-labelledby={id}>
      <Group justify="space-between" mb="sm">
        <Title order={2} size="h3" id={id}>
          {title}
        </Title>
        {action}
      </Group>
      {children}
    </Card>
  );
}
