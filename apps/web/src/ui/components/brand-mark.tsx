import { Group, Text, ThemeIcon } from '@mantine/core';
import { IconBuildingHospital } from '@tabler/icons-react';

/** The Portico word mark (decorative icon + name). */
export function BrandMark({ label, sub }: { label: string; sub?: string }) {
  return (
    <Group gap="xs" wrap="nowrap" miw={0}>
      <ThemeIcon size="md" radius="md" aria-hidden="true">
        <IconBuildingHospital size={18} />
      </ThemeIcon>
      <Text fw={700} size="md" truncate>
        {label}
      </Text>
      {sub ? (
        <Text size="sm" c="dimmed" visibleFrom="xs" truncate>
          {sub}
        </Text>
      ) : null}
    </Group>
  );
}
