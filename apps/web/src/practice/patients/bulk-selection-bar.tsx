import { Button, Group, Paper, Text } from '@mantine/core';
import { IconSend } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { formatNumber } from '../../ui/format.ts';

interface BulkSelectionBarProps {
  count: number;
  onInvite: () => void;
  onClear: () => void;
}

/** Shown while patients are selected: what can be done with them. */
export function BulkSelectionBar({ count, onInvite, onClear }: BulkSelectionBarProps) {
  const { t, i18n } = useTranslation();
  const formatted = formatNumber(count, i18n.language);
  return (
    <Paper
      withBorder
      p="sm"
      mb="sm"
      radius="md"
      role="region"
      aria-label={t('invitations.bulk.selectionBar')}
    >
      <Group justify="space-between" gap="sm">
        <Text size="sm" fw={600}>
          {t('invitations.bulk.selectedCount', { count, formatted })}
        </Text>
        <Group gap="sm">
          <Button variant="default" onClick={onClear}>
            {t('invitations.bulk.clearSelection')}
          </Button>
          <Button leftSection={<IconSend size={18} aria-hidden="true" />} onClick={onInvite}>
            {t('invitations.bulk.inviteSelected', { n: formatted })}
          </Button>
        </Group>
      </Group>
    </Paper>
  );
}
