import { useState } from 'react';
import { Button, Group, Text } from '@mantine/core';
import type { MfaStatus } from '@portico/contracts';
import { useTranslation } from 'react-i18next';
import { ConfirmDialog } from '../../ui/components/confirm-dialog.tsx';
import { FormErrorAlert } from '../../ui/components/form-error-alert.tsx';
import { Notice } from '../../ui/components/notice.tsx';
import { shownError } from '../session/reauth.tsx';
import { useRegenerateRecoveryCodes } from './api.ts';
import { RecoveryCodesDisplay } from './recovery-codes-display.tsx';
import { hasSecondFactor } from './rules.ts';
import { ChangeNotice, SecuritySection, useSectionNotice } from './security-section.tsx';

/** Fewer than this many unused codes left: suggest making new ones. */
const lowRecoveryCodes = 3;

/** How many recovery codes are left, and a fresh set (the old ones stop working). */
export function RecoverySection({ status }: { status: MfaStatus }) {
  const { t } = useTranslation();
  const regenerate = useRegenerateRecoveryCodes();
  const [codes, setCodes] = useState<string[] | null>(null);
  const [ask, setAsk] = useState(false);
  const { heading, notice, setNotice, backToHeading } = useSectionNotice();
  const active = hasSecondFactor(status) || status.recoveryCodesLeft > 0;
  const failure = shownError(regenerate.error);

  let body;
  if (codes) {
    body = (
      <RecoveryCodesDisplay
        codes={codes}
        onDone={() => {
          setCodes(null);
          backToHeading(t('portalAccount.recovery.regenerated'));
        }}
      />
    );
  } else if (!active) {
    body = <Text size="sm">{t('portalAccount.recovery.noneYet')}</Text>;
  } else {
    body = (
      <>
        <Text size="sm">
          {t('portalAccount.recovery.left', { count: status.recoveryCodesLeft })}
        </Text>
        {status.recoveryCodesLeft < lowRecoveryCodes ? (
          <Notice tone="warning">{t('portalAccount.recovery.low')}</Notice>
        ) : null}
        {failure ? <FormErrorAlert error={failure} /> : null}
        <Group>
          <Button
            variant="default"
            loading={regenerate.isPending}
            onClick={() => {
              setNotice('');
              regenerate.reset();
              setAsk(true);
            }}
          >
            {t('portalAccount.recovery.regenerate')}
          </Button>
        </Group>
      </>
    );
  }

  return (
    <SecuritySection
      id="security-recovery"
      ref={heading}
      title={t('portalAccount.recovery.heading')}
      intro={t('portalAccount.recovery.intro')}
    >
      {body}
      <ChangeNotice message={notice} />
      <ConfirmDialog
        opened={ask}
        title={t('portalAccount.recovery.regenerateTitle')}
        body={t('portalAccount.recovery.regenerateBody')}
        confirmLabel={t('portalAccount.recovery.regenerate')}
        onCancel={() => {
          setAsk(false);
        }}
        onConfirm={() => {
          setAsk(false);
          regenerate.mutate(undefined, {
            onSuccess: (result) => {
              setCodes(result.codes);
            },
          });
        }}
      />
    </SecuritySection>
  );
}
