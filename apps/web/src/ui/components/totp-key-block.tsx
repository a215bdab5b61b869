import { Anchor, Box, Button, CopyButton, Group, Text } from '@mantine/core';
import type { TotpEnrollment } from '@portico/contracts';

/** The keys of the setup block's words (the same in each caller's i18n namespace). */
export type TotpKeyText = 'qrAlt' | 'openInApp' | 'keyHelp' | 'keyLabel' | 'copyKey' | 'copiedKey';

interface TotpKeyBlockProps {
  enrollment: TotpEnrollment;
  /** The secret as shown, in groups for reading out. */
  groupedSecret: string;
  /** The words, by key, from the caller's i18n namespace. */
  text: (key: TotpKeyText) => string;
}

/**
 * Setting up an authenticator app: the QR code, the otpauth link on a phone, and the setup key
 * to type with a copy button. Renders siblings, to sit inside the caller's Stack.
 */
export function TotpKeyBlock({ enrollment, groupedSecret, text }: TotpKeyBlockProps) {
  return (
    <>
      <Box bg="white" p="xs" w={212} style={{ border: '1px solid var(--mantine-color-gray-3)' }}>
        <img
          src={`data:image/svg+xml;charset=utf-8,${encodeURIComponent(enrollment.qrSvg)}`}
          alt={text('qrAlt')}
          width={192}
          height={192}
          style={{ display: 'block' }}
        />
      </Box>
      <Anchor href={enrollment.otpauthUrl} size="sm" hiddenFrom="sm">
        {text('openInApp')}
      </Anchor>
      <Text size="sm">{text('keyHelp')}</Text>
      <Group gap="sm" align="center">
        <Text
          component="code"
          ff="monospace"
          fw={600}
          size="lg"
          aria-label={text('keyLabel')}
          style={{ wordBreak: 'break-word' }}
        >
          {groupedSecret}
        </Text>
        <CopyButton value={enrollment.secret}>
          {({ copied, copy }) => (
            <Button variant="default" size="xs" onClick={copy}>
              {copied ? text('copiedKey') : text('copyKey')}
            </Button>
          )}
        </CopyButton>
      </Group>
    </>
  );
}
