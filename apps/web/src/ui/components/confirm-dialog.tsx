import type { ReactNode } from 'react';
import { Button, Group, Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { AppModal } from './app-modal.tsx';

interface ConfirmDialogProps {
  opened: boolean;
  title: string;
  body: ReactNode;
  confirmLabel: string;
  /** Red confirm button for changes that remove or end something. */
  destructive?: boolean;
  /**
   * Called when confirmed; the dialog should close then (the caller shows progress and errors
   * beside the action, and another dialog, such as a password prompt, may follow).
   */
  onConfirm: () => void;
  onCancel: () => void;
}

/** "Are you sure?" for one action. Focus starts on Cancel, the safe choice. */
export function ConfirmDialog({
  opened,
  title,
  body,
  confirmLabel,
  destructive = false,
  onConfirm,
  onCancel,
}: ConfirmDialogProps) {
  const { t } = useTranslation();
  return (
    <AppModal opened={opened} onClose={onCancel} title={title} size="sm">
      <Stack gap="md">
        <Text size="sm">{body}</Text>
        <Group justify="flex-end" gap="sm">
          <Button variant="default" onClick={onCancel} data-autofocus>
            {t('common.actions.cancel')}
          </Button>
          <Button color={destructive ? 'red.9' : undefined} onClick={onConfirm}>
            {confirmLabel}
          </Button>
        </Group>
      </Stack>
    </AppModal>
  );
}
