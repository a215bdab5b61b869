import type { ReactNode } from 'react';
import { Group, Stack, Text, Title } from '@mantine/core';
import { usePageTitle } from '../use-page-title.ts';

interface PageHeaderProps {
  /** The page's only `<h1>`; also used for `document.title` unless `documentTitle` is given. */
  title: string;
  documentTitle?: string;
  description?: ReactNode;
  actions?: ReactNode;
}

export function PageHeader({ title, documentTitle, description, actions }: PageHeaderProps) {
  usePageTitle(documentTitle ?? title);
  return (
    <Group justify="space-between" align="flex-start" gap="md" mb="lg" wrap="wrap">
      <Stack gap={4}>
        <Title order={1}>{title}</Title>
        {description ? (
          <Text c="dimmed" size="sm">
            {description}
          </Text>
        ) : null}
      </Stack>
      {actions ? <Group gap="sm">{actions}</Group> : null}
    </Group>
  );
}
