import { useState } from 'react';
import { Button, Group, Text } from '@mantine/core';
import type { MfaStatus, TotpEnrollment } from '@portico/contracts';
import { useTranslation } from 'react-i18next';
import { FormErrorAlert } from '../../ui/components/form-error-alert.tsx';
import { shownError } from '../session/reauth.tsx';
import { useConfirmTotp, useDisableTotp, useStartTotp } from './api.ts';
import { RecoveryCodesDisplay } from './recovery-codes-display.tsx';
import {
  ChangeNotice,
  SecuritySection,
  TurnOffDialog,
  useSectionNotice,
} from './security-section.tsx';
import { TotpSetup } from './totp-setup.tsx';
import { useFormatInstant } from './use-format-instant.ts';

/** Authenticator app: set up (QR, key, code, recovery codes) or turn off. */
export function TotpSection({ status }: { status: MfaStatus }) {
  const { t } = useTranslation();
  const formatInstant = useFormatInstant();
  const start = useStartTotp();
  const confirm = useConfirmTotp();
  const disable = useDisableTotp();
  const [enrollment, setEnrollment] = useState<TotpEnrollment | null>(null);
  const [codes, setCodes] = useState<string[] | null>(null);
  const [askOff, setAskOff] = useState(false);
  const { heading, notice, setNotice, backToHeading } = useSectionNotice();

  let body;
  if (codes) {
    body = (
      <RecoveryCodesDisplay
        codes={codes}
        onDone={() => {
          setCodes(null);
          backToHeading(t('portalAccount.totp.turnedOn'));
        }}
      />
    );
  } else if (enrollment) {
    body = (
      <TotpSetup
        enrollment={enrollment}
        busy={confirm.isPending}
        error={confirm.error}
        onConfirm={(code) => {
          confirm.mutate(
            { factorId: enrollment.factorId, code },
            {
              onSuccess: (result) => {
                setEnrollment(null);
                setCodes(result.codes);
              },
            },
          );
        }}
        onCancel={() => {
          setEnrollment(null);
          confirm.reset();
          backToHeading(t('portalAccount.security.cancelled'));
        }}
      />
    );
  } else {
    const failure = shownError(start.error) ?? shownError(disable.error);
    body = (
      <>
        {status.totp.enabled && status.totp.createdAt ? (
          <Text size="sm">
            {t('portalAccount.totp.onSince', { date: formatInstant(status.totp.createdAt) })}
          </Text>
        ) : null}
        {failure ? <FormErrorAlert error={failure} /> : null}
        <Group>
          {status.totp.enabled ? (
            <Button
              variant="default"
              loading={disable.isPending}
              onClick={() => {
                setNotice('');
                disable.reset();
                setAskOff(true);
              }}
            >
              {t('portalAccount.totp.turnOff')}
            </Button>
          ) : (
            <Button
              loading={start.isPending}
              onClick={() => {
                setNotice('');
                disable.reset();
                start.mutate(undefined, { onSuccess: setEnrollment });
              }}
            >
              {t('portalAccount.totp.setUp')}
            </Button>
          )}
        </Group>
      </>
    );
  }

  return (
    <SecuritySection
      id="security-totp"
      ref={heading}
      title={t('portalAccount.totp.heading')}
      intro={t('portalAccount.totp.intro')}
      enabled={status.totp.enabled}
    >
      {body}
      <ChangeNotice message={notice} />
      <TurnOffDialog
        opened={askOff}
        title={t('portalAccount.totp.turnOffTitle')}
        body={t('portalAccount.totp.turnOffBody')}
        confirmLabel={t('portalAccount.totp.turnOff')}
        disable={disable}
        onClose={() => {
          setAskOff(false);
        }}
        onTurnedOff={() => {
          backToHeading(t('portalAccount.totp.turnedOff'));
        }}
      />
    </SecuritySection>
  );
}
