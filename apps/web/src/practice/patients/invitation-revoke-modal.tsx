import { Button, Group, Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { AppModal } from '../../ui/components/app-modal.tsx';
import { FormErrorAlert } from '../../ui/components/form-error-alert.tsx';
import { useRevokeInvitation } from './invitations-api.ts';

interface RevokeModalProps {
  patientId: string;
  patientName: string;
  onClose: () => void;
  onRevoked: () => void;
}

/** Rendered only while open. Cancel takes the focus first: revoking is the riskier choice. */
export function InvitationRevokeModal({
  patientId,
  patientName,
  onClose,
  onRevoked,
}: RevokeModalProps) {
  const { t } = useTranslation();
  const revoke = useRevokeInvitation(patientId);
  return (
    <AppModal opened onClose={onClose} title={t('invitations.revoke.title')}>
      <Stack gap="md">
        {revoke.isError ? (
          <FormErrorAlert error={revoke.error} title={t('invitations.revoke.errorTitle')} />
        ) : null}
        <Text size="sm">{t('invitations.revoke.body', { name: patientName })}</Text>
        <Group justify="flex-end" gap="sm">
          <Button variant="default" onClick={onClose} data-autofocus>
            {t('common.actions.cancel')}
          </Button>
          <Button
            color="red.9"
            loading={revoke.isPending}
            onClick={() => {
              revoke.mutate(undefined, {
                onSuccess: () => {
                  onRevoked();
                  onClose();
                },
              });
            }}
          >
            {t('invitations.revoke.submit')}
          </Button>
        </Group>
      </Stack>
    </AppModal>
  );
}
