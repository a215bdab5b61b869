import { Text } from '@mantine/core';
import { IconClockPause } from '@tabler/icons-react';
import { formatCountdown } from '../../ui/format.ts';

/**
 * "You can ask for a new code in 0:42", updated every second on screen. Not a live region (it
 * would speak every second); the button it belongs to points at it with aria-describedby.
 */
export function WaitText({
  id,
  remaining,
  format,
}: {
  id: string;
  remaining: number;
  format: (time: string) => string;
}) {
  if (remaining <= 0) return null;
  return (
    <Text id={id} size="sm" c="dimmed" style={{ display: 'flex', alignItems: 'center', gap: 6 }}>
      <IconClockPause size={16} aria-hidden="true" />
      <span>{format(formatCountdown(remaining))}</span>
    </Text>
  );
}
