import { useEffect, useRef } from 'react';
import { Stack, Text, Title } from '@mantine/core';
import type { TotpEnrollment } from '@portico/contracts';
import { useTranslation } from 'react-i18next';
import { TotpKeyBlock } from '../../ui/components/totp-key-block.tsx';
import { CodeForm } from './code-form.tsx';
import { groupSecret } from './rules.ts';

interface TotpSetupProps {
  enrollment: TotpEnrollment;
  busy: boolean;
  error: unknown;
  onConfirm: (code: string) => void;
  onCancel: () => void;
}

/** Step 1: scan the QR code (or open the link on a phone, or type the key). Step 2: the code. */
export function TotpSetup({ enrollment, busy, error, onConfirm, onCancel }: TotpSetupProps) {
  const { t } = useTranslation();
  const heading = useRef<HTMLHeadingElement>(null);

  useEffect(() => {
    heading.current?.focus();
  }, []);

  return (
    <Stack gap="md">
      <Stack gap="xs">
        <Title order={3} size="h4" ref={heading} tabIndex={-1}>
          {t('portalAccount.totp.scanHeading')}
        </Title>
        <Text size="sm">{t('portalAccount.totp.scanHelp')}</Text>
        <TotpKeyBlock
          enrollment={enrollment}
          groupedSecret={groupSecret(enrollment.secret)}
          text={(key) => t(`portalAccount.totp.${key}`)}
        />
      </Stack>
      <Stack gap="xs">
        <Title order={3} size="h4">
          {t('portalAccount.totp.codeHeading')}
        </Title>
        <CodeForm
          label={t('portalAccount.totp.codeLabel')}
          hint={t('portalAccount.totp.codeHint')}
          invalidMessage={t('portalAccount.totp.codeInvalid')}
          submitLabel={t('portalAccount.totp.confirm')}
          busy={busy}
          error={error}
          onSubmit={onConfirm}
          onCancel={onCancel}
        />
      </Stack>
    </Stack>
  );
}
