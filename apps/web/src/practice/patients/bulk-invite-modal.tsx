import { useState } from 'react';
import { Button, Group, Stack, Text } from '@mantine/core';
import type { BulkInvitationRequest } from '@portico/contracts';
import { useTranslation } from 'react-i18next';
import { AppModal } from '../../ui/components/app-modal.tsx';
import { FormErrorAlert } from '../../ui/components/form-error-alert.tsx';
import { formatNumber } from '../../ui/format.ts';
import { BulkInviteProgress } from './bulk-invite-progress.tsx';
import { useStartBulkInvitation } from './bulk-invitations-api.ts';

interface BulkInviteModalProps {
  request: BulkInvitationRequest;
  onClose: () => void;
  /** Called once the run is queued (e.g. to clear the selection). */
  onStarted: () => void;
}

/** Rendered only while open: confirm, then the run's progress and summary. */
export function BulkInviteModal({ request, onClose, onStarted }: BulkInviteModalProps) {
  const { t, i18n } = useTranslation();
  const start = useStartBulkInvitation();
  const [runId, setRunId] = useState<string | null>(null);
  const selected = request.patientIds?.length;
  return (
    <AppModal opened onClose={onClose} title={t('invitations.bulk.title')}>
      <Stack gap="md">
        {runId ? (
          <>
            <BulkInviteProgress runId={runId} />
            <Group justify="flex-end">
              <Button variant="default" onClick={onClose}>
                {t('common.actions.close')}
              </Button>
            </Group>
          </>
        ) : (
          <>
            {start.isError ? (
              <FormErrorAlert error={start.error} title={t('invitations.bulk.errorTitle')} />
            ) : null}
            <Text size="sm">
              {selected === undefined
                ? t('invitations.bulk.confirmScope')
                : t('invitations.bulk.confirmSelected', {
                    count: selected,
                    formatted: formatNumber(selected, i18n.language),
                  })}
            </Text>
            <Text size="sm" c="dimmed">
              {t('invitations.bulk.confirmHint')}
            </Text>
            <Group justify="flex-end" gap="sm">
              <Button variant="default" onClick={onClose} data-autofocus>
                {t('common.actions.cancel')}
              </Button>
              <Button
                loading={start.isPending}
                onClick={() => {
                  start.mutate(request, {
                    onSuccess: (run) => {
                      setRunId(run.id);
                      onStarted();
                    },
                  });
                }}
              >
                {t('invitations.bulk.submit')}
              </Button>
            </Group>
          </>
        )}
      </Stack>
    </AppModal>
  );
}
