import { useEffect, useState } from 'react';
import { Button, Group, Stack, Text, VisuallyHidden } from '@mantine/core';
import { Trans, useTranslation } from 'react-i18next';
import { AppModal } from '../../ui/components/app-modal.tsx';
import { FormErrorAlert } from '../../ui/components/form-error-alert.tsx';
import { formatCountdown } from '../../ui/format.ts';
import type { SessionEnd } from './session-clock.ts';
import { spokenMilestone } from './session-clock.ts';

interface SessionTimeoutDialogProps {
  opened: boolean;
  endsBy: SessionEnd;
  secondsLeft: number;
  staying: boolean;
  signingOut: boolean;
  stayError: unknown;
  /** Idle: keeps the session alive. Absolute limit: only dismisses (it cannot be extended). */
  onStay: () => void;
  onSignOut: () => void;
}

/** The countdown for screen readers: only at one minute, 30 and 10 seconds (see spokenMilestone). */
function CountdownAnnouncement({ secondsLeft }: { secondsLeft: number }) {
  const { t } = useTranslation();
  const milestone = spokenMilestone(secondsLeft);
  const [spoken, setSpoken] = useState<number | null>(null);
  useEffect(() => {
    // Fill the live region after it is in the page, so the change is announced.
    setSpoken(milestone);
  }, [milestone]);
  return (
    <VisuallyHidden aria-live="assertive" aria-atomic="true">
      {spoken === null ? '' : t('portalAccount.timeout.spoken', { count: spoken })}
    </VisuallyHidden>
  );
}

/** "You'll be signed out in 1:59": a modal dialog two minutes before the session ends. */
export function SessionTimeoutDialog({
  opened,
  endsBy,
  secondsLeft,
  staying,
  signingOut,
  stayError,
  onStay,
  onSignOut,
}: SessionTimeoutDialogProps) {
  const { t } = useTranslation();
  const time = formatCountdown(secondsLeft);
  const idle = endsBy === 'idle';
  return (
    <AppModal
      opened={opened}
      onClose={onStay}
      title={idle ? t('portalAccount.timeout.title') : t('portalAccount.timeout.absoluteTitle')}
      size="sm"
    >
      <Stack gap="md">
        <Text>
          <Trans
            i18nKey={idle ? 'portalAccount.timeout.body' : 'portalAccount.timeout.absoluteBody'}
            values={{ time }}
            components={{ time: <Text span fw={700} ff="monospace" role="timer" /> }}
          />
        </Text>
        <CountdownAnnouncement secondsLeft={secondsLeft} />
        {stayError ? (
          <FormErrorAlert error={stayError} title={t('portalAccount.timeout.stayFailed')} />
        ) : null}
        <Group justify="flex-end" gap="sm">
          <Button variant="default" onClick={onSignOut} loading={signingOut}>
            {idle ? t('portalAccount.timeout.signOut') : t('portalAccount.timeout.signOutNow')}
          </Button>
          <Button data-autofocus onClick={onStay} loading={staying}>
            {idle ? t('portalAccount.timeout.stay') : t('portalAccount.timeout.understood')}
          </Button>
        </Group>
      </Stack>
    </AppModal>
  );
}
