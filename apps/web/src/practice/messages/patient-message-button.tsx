import { lazy, Suspense, useState } from 'react';
import { Button } from '@mantine/core';
import { IconMail, IconSend } from '@tabler/icons-react';
import type { PatientDetail } from '@portico/contracts';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { patientFullName } from '../../ui/format.ts';
import { invitationStatusQuery } from '../patients/invitations-api.ts';
import { useMayOpen } from '../shell/require-role.tsx';

/** Loaded when first opened, so the patient page stays light. */
const NewThreadModal = lazy(async () => ({
  default: (await import('./new-thread-modal.tsx')).NewThreadModal,
}));

/** The portal access card's heading on the patient page (portal-access-card.tsx). */
const portalAccessHeadingId = 'portal-access';

/**
 * "Send message" on the patient record, for registered patients with an active record; for
 * others, a way to the portal invitation instead (messages are read in the portal).
 */
export function PatientMessageButton({ patient }: { patient: PatientDetail }) {
  const { t } = useTranslation();
  const mayInvite = useMayOpen('invite');
  const status = useQuery(invitationStatusQuery(patient.id));
  const [open, setOpen] = useState(false);
  if (patient.status !== 'active' || !status.isSuccess) return null;

  if (status.data.status !== 'registered') {
    if (!mayInvite || status.data.blockedReason !== null) return null;
    return (
      <Button
        variant="default"
        leftSection={<IconMail size={16} aria-hidden="true" />}
        onClick={() => {
          const heading = document.getElementById(portalAccessHeadingId);
          heading?.scrollIntoView({ behavior: 'smooth', block: 'start' });
          heading?.focus();
        }}
      >
        {t('consoleMessages.patient.inviteFirst')}
      </Button>
    );
  }

  return (
    <>
      <Button
        leftSection={<IconSend size={16} aria-hidden="true" />}
        onClick={() => {
          setOpen(true);
        }}
      >
        {t('consoleMessages.patient.send')}
      </Button>
      {open ? (
        <Suspense fallback={null}>
          <NewThreadModal
            patient={{ id: patient.id, name: patientFullName(patient), mrn: patient.mrn }}
            onClose={() => {
              setOpen(false);
            }}
          />
        </Suspense>
      ) : null}
    </>
  );
}
