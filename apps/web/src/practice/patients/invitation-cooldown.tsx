import { useState } from 'react';
import { Text, VisuallyHidden } from '@mantine/core';
import { IconClockPause } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { formatCountdown } from '../../ui/format.ts';

/** "You can send again in 0:42", updated every second on screen (not a live region). */
export function CooldownText({ remaining, id }: { remaining: number; id?: string }) {
  const { t } = useTranslation();
  if (remaining <= 0) return null;
  return (
    <Text id={id} size="sm" style={{ display: 'flex', alignItems: 'center', gap: 6 }}>
      <IconClockPause size={16} aria-hidden="true" />
      <span>{t('invitations.cooldown.wait', { time: formatCountdown(remaining) })}</span>
    </Text>
  );
}

interface AnnouncementProps {
  remaining: number;
  /** Off while another live region speaks for this wait (e.g. the send modal's). */
  enabled?: boolean;
}

/**
 * A polite live region that speaks twice per wait, not every second: when the wait begins and
 * when sending is allowed again. Keep it mounted so changes are announced.
 */
export function CooldownAnnouncement({ remaining, enabled = true }: AnnouncementProps) {
  const { t } = useTranslation();
  const waiting = remaining > 0;
  const [said, setSaid] = useState({ waiting, text: '' });
  if (said.waiting !== waiting) {
    let text = said.text;
    if (enabled) {
      text = waiting
        ? t('invitations.cooldown.waitAnnounce', { time: formatCountdown(remaining) })
        : t('invitations.cooldown.ready');
    }
    setSaid({ waiting, text });
  }
  return (
    <VisuallyHidden role="status" aria-live="polite">
      {said.text}
    </VisuallyHidden>
  );
}
