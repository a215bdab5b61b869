import { Badge } from '@mantine/core';
import type { PortalStatus } from '@portico/contracts';
import { useTranslation } from 'react-i18next';

/** The portal status in plain words; colour only repeats what the words say. */
export function InvitationStatusBadge({
  status,
  step,
}: {
  status: PortalStatus;
  /** The registration step reached, for `registering`. */
  step: number | null;
}) {
  const { t } = useTranslation();
  let label: string;
  let color: 'portico' | 'gray';
  switch (status) {
    case 'not_invited':
    case 'expired':
    case 'revoked':
      label = t(`invitations.status.${status}`);
      color = 'gray';
      break;
    case 'invited':
    case 'opened':
    case 'registered':
      label = t(`invitations.status.${status}`);
      color = 'portico';
      break;
    case 'registering':
      label =
        step === null
          ? t('invitations.status.registeringUnknown')
          : t('invitations.status.registering', { step });
      color = 'portico';
      break;
  }
  return (
    <Badge variant={status === 'registered' ? 'filled' : 'light'} color={color}>
      {label}
    </Badge>
  );
}
