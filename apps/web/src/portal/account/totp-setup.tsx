import { useEffect, useRef } from 'react';
import { Anchor, Box, Button, CopyButton, Group, Stack, Text, Title } from '@mantine/core';
import type { TotpEnrollment } from '@portico/contracts';
import { useTranslation } from 'react-i18next';
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
  const grouped = groupSecret(enrollment.secret);

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
        <Box bg="white" p="xs" w={212} style={{ border: '1px solid var(--mantine-color-gray-3)' }}>
          <img
            src={`data:image/svg+xml;charset=utf-8,${encodeURIComponent(enrollment.qrSvg)}`}
            alt={t('portalAccount.totp.qrAlt')}
            width={192}
            height={192}
            style={{ display: 'block' }}
          />
        </Box>
        <Anchor href={enrollment.otpauthUrl} size="sm" hiddenFrom="sm">
          {t('portalAccount.totp.openInApp')}
        </Anchor>
        <Text size="sm">{t('portalAccount.totp.keyHelp')}</Text>
        <Group gap="sm" align="center">
          <Text
            component="code"
            ff="monospace"
            fw={600}
            size="lg"
            aria-label={t('portalAccount.totp.keyLabel')}
            style={{ wordBreak: 'break-word' }}
          >
            {grouped}
          </Text>
          <CopyButton value={enrollment.secret}>
            {({ copied, copy }) => (
              <Button variant="default" size="xs" onClick={copy}>
                {copied ? t('portalAccount.totp.copiedKey') : t('portalAccount.totp.copyKey')}
              </Button>
            )}
          </CopyButton>
        </Group>
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
