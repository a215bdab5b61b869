import { useEffect, useRef, useState } from 'react';
import {
  Button,
  Checkbox,
  CopyButton,
  Group,
  Paper,
  SimpleGrid,
  Stack,
  Text,
  Title,
} from '@mantine/core';
import { IconCheck, IconCopy, IconDownload } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { recoveryCodesFile } from './rules.ts';
import { useFormatInstant } from './use-format-instant.ts';

/**
 * The 10 recovery codes, shown once: copy, download as .txt, and confirm they are saved before
 * going on. Focus moves to the heading so the change is read out.
 */
export function RecoveryCodesDisplay({ codes, onDone }: { codes: string[]; onDone: () => void }) {
  const { t } = useTranslation();
  const formatInstant = useFormatInstant();
  const heading = useRef<HTMLHeadingElement>(null);
  const [saved, setSaved] = useState(false);
  const [needSaved, setNeedSaved] = useState(false);

  useEffect(() => {
    heading.current?.focus();
  }, []);

  const download = () => {
    const text = recoveryCodesFile(codes, {
      title: t('portalAccount.recovery.fileTitle'),
      created: t('portalAccount.recovery.fileCreated', {
        date: formatInstant(new Date().toISOString()),
      }),
      help: t('portalAccount.recovery.fileHelp'),
    });
    const url = URL.createObjectURL(new Blob([text], { type: 'text/plain;charset=utf-8' }));
    const link = document.createElement('a');
    link.href = url;
    link.download = 'recovery-codes.txt';
    document.body.append(link);
    link.click();
    link.remove();
    window.setTimeout(() => {
      URL.revokeObjectURL(url);
    }, 0);
  };

  return (
    <Paper withBorder p="md" radius="md" bg="yellow.0">
      <Stack gap="sm">
        <Title order={3} size="h4" ref={heading} tabIndex={-1}>
          {t('portalAccount.recovery.shownHeading')}
        </Title>
        <Text size="sm">{t('portalAccount.recovery.shownIntro')}</Text>
        <SimpleGrid
          component="ol"
          aria-label={t('portalAccount.recovery.listLabel')}
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
                {copied ? t('portalAccount.recovery.copied') : t('portalAccount.recovery.copy')}
              </Button>
            )}
          </CopyButton>
          <Button
            variant="default"
            size="sm"
            onClick={download}
            leftSection={<IconDownload size={16} aria-hidden="true" />}
          >
            {t('portalAccount.recovery.download')}
          </Button>
        </Group>
        <Checkbox
          label={t('portalAccount.recovery.saved')}
          checked={saved}
          onChange={(event) => {
            setSaved(event.currentTarget.checked);
            setNeedSaved(false);
          }}
          error={needSaved ? t('portalAccount.recovery.savedRequired') : undefined}
        />
        <Group>
          <Button
            onClick={() => {
              if (saved) onDone();
              else setNeedSaved(true);
            }}
          >
            {t('portalAccount.recovery.continue')}
          </Button>
        </Group>
      </Stack>
    </Paper>
  );
}
