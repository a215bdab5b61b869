import { useState } from 'react';
import { Button, Checkbox, CopyButton, Group, Paper, SimpleGrid, Stack, Text } from '@mantine/core';
import { IconCheck, IconCopy, IconDownload } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { formatDateTime } from '../../ui/format.ts';
import { recoveryCodesFile } from '../../portal/account/rules.ts';
import { PracticeAuthLayout } from './auth-layout.tsx';
import { FocusedTitle } from './focused-title.tsx';

/**
 * Right after the first factor is set up: the 10 recovery codes, shown once. Copy, download as
 * .txt, and confirm they are saved before going on into the console.
 */
export function RecoveryCodesScreen({ codes, onDone }: { codes: string[]; onDone: () => void }) {
  const { t, i18n } = useTranslation();
  const [saved, setSaved] = useState(false);
  const [needSaved, setNeedSaved] = useState(false);

  const download = () => {
    const created = formatDateTime(
      new Date().toISOString(),
      Intl.DateTimeFormat().resolvedOptions().timeZone,
      i18n.language,
    );
    const text = recoveryCodesFile(codes, {
      title: t('practiceAuth.mfa.recovery.fileTitle'),
      created: t('practiceAuth.mfa.recovery.fileCreated', { date: created }),
      help: t('practiceAuth.mfa.recovery.fileHelp'),
    });
    const url = URL.createObjectURL(new Blob([text], { type: 'text/plain;charset=utf-8' }));
    const link = document.createElement('a');
    link.href = url;
    link.download = 'portico-console-recovery-codes.txt';
    document.body.append(link);
    link.click();
    link.remove();
    window.setTimeout(() => {
      URL.revokeObjectURL(url);
    }, 0);
  };

  return (
    <PracticeAuthLayout>
      <Stack gap="md">
        <FocusedTitle title={t('practiceAuth.mfa.recovery.title')} />
        <Text size="sm">{t('practiceAuth.mfa.recovery.intro')}</Text>
        <Paper withBorder p="md" radius="md" bg="yellow.0">
          <SimpleGrid
            component="ol"
            aria-label={t('practiceAuth.mfa.recovery.listLabel')}
            cols={2}
            spacing="xs"
            verticalSpacing={4}
            m={0}
            p={0}
            style={{ listStyle: 'none' }}
          >
            {codes.map((code) => (
              <Text component="li" key={code} ff="monospace" size="md" fw={600}>
                {code}
              </Text>
            ))}
          </SimpleGrid>
        </Paper>
        <Group gap="sm">
          <CopyButton value={codes.join('\n')}>
            {({ copied, copy }) => (
              <Button
                variant="default"
                size="sm"
                onClick={copy}
                leftSection={
                  copied ? (
                    <IconCheck size={16} aria-hidden="true" />
                  ) : (
                    <IconCopy size={16} aria-hidden="true" />
                  )
                }
              >
                {copied
                  ? t('practiceAuth.mfa.recovery.copied')
                  : t('practiceAuth.mfa.recovery.copy')}
              </Button>
            )}
          </CopyButton>
          <Button
            variant="default"
            size="sm"
            onClick={download}
            leftSection={<IconDownload size={16} aria-hidden="true" />}
          >
            {t('practiceAuth.mfa.recovery.download')}
          </Button>
        </Group>
        <Checkbox
          label={t('practiceAuth.mfa.recovery.saved')}
          checked={saved}
          onChange={(event) => {
            setSaved(event.currentTarget.checked);
            setNeedSaved(false);
          }}
          error={needSaved ? t('practiceAuth.mfa.recovery.savedRequired') : undefined}
        />
        <Button
          fullWidth
          onClick={() => {
            if (saved) onDone();
            else setNeedSaved(true);
          }}
        >
          {t('practiceAuth.mfa.recovery.continue')}
        </Button>
      </Stack>
    </PracticeAuthLayout>
  );
}
