import { forwardRef, useRef, useState } from 'react';
import type { ReactNode } from 'react';
import { Badge, Group, Paper, Stack, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { ConfirmDialog } from '../../ui/components/confirm-dialog.tsx';

interface SecuritySectionProps {
  id: string;
  title: string;
  intro: string;
  /** On/Off badge; omitted for sections without a state. */
  enabled?: boolean;
  children: ReactNode;
}

/** One card of the security page: an `h2` (focusable, to return focus to) and its content. */
export const SecuritySection = forwardRef<HTMLHeadingElement, SecuritySectionProps>(
  function SecuritySection({ id, title, intro, enabled, children }, ref) {
    const { t } = useTranslation();
    return (
      <Paper component="section" withBorder p="md" radius="md" aria-labelledby={id}>
        <Stack gap="sm">
          <Group justify="space-between" gap="sm" wrap="nowrap" align="flex-start">
            <Title order={2} size="h3" id={id} ref={ref} tabIndex={-1}>
              {title}
            </Title>
            {enabled === undefined ? null : (
              <Badge variant={enabled ? 'filled' : 'light'} color={enabled ? 'green' : 'gray'}>
                {enabled ? t('portalAccount.security.on') : t('portalAccount.security.off')}
              </Badge>
            )}
          </Group>
          <Text size="sm" c="dimmed">
            {intro}
          </Text>
          {children}
        </Stack>
      </Paper>
    );
  },
);

/** A short confirmation after a change ("The passkey is added."), read out politely. */
export function ChangeNotice({ message }: { message: string }) {
  return (
    <Text size="sm" role="status" fw={message ? 600 : undefined}>
      {message}
    </Text>
  );
}

/**
 * A section's heading ref and its change notice: `backToHeading` shows the notice and moves focus
 * back to the heading (once the replaced content is gone).
 */
export function useSectionNotice() {
  const heading = useRef<HTMLHeadingElement>(null);
  const [notice, setNotice] = useState('');
  const backToHeading = (message: string) => {
    setNotice(message);
    window.setTimeout(() => heading.current?.focus(), 0);
  };
  return { heading, notice, setNotice, backToHeading };
}

interface TurnOffDialogProps {
  opened: boolean;
  title: string;
  body: string;
  confirmLabel: string;
  disable: { mutate: (body: undefined, options: { onSuccess: () => void }) => void };
  onClose: () => void;
  onTurnedOff: () => void;
}

/** "Turn off …?" for a second factor: closes, then turns it off. */
export function TurnOffDialog({
  opened,
  title,
  body,
  confirmLabel,
  disable,
  onClose,
  onTurnedOff,
}: TurnOffDialogProps) {
  return (
    <ConfirmDialog
      opened={opened}
      title={title}
      body={body}
      confirmLabel={confirmLabel}
      destructive
      onCancel={onClose}
      onConfirm={() => {
        onClose();
        disable.mutate(undefined, { onSuccess: onTurnedOff });
      }}
    />
  );
}
