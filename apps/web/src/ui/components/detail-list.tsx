import type { ReactNode } from 'react';
import { Box, SimpleGrid, Text } from '@mantine/core';

export interface DetailItem {
  label: string;
  value: ReactNode;
}

/** A description list (`<dl>`) of label/value pairs. */
export function DetailList({ items, cols = 2 }: { items: DetailItem[]; cols?: number }) {
  return (
    <SimpleGrid component="dl" cols={{ base: 1, sm: cols }} spacing="md" verticalSpacing="sm" m={0}>
      {items.map((item) => (
        <Box key={item.label}>
          <Text component="dt" size="xs" c="dimmed" fw={600} tt="uppercase">
            {item.label}
          </Text>
          <Text component="dd" size="sm" m={0} style={{ overflowWrap: 'anywhere' }}>
            {item.value}
          </Text>
        </Box>
      ))}
    </SimpleGrid>
  );
}
