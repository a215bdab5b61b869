import { useState } from 'react';
import { Button, Checkbox, CopyButton, Group, Paper, SimpleGrid, Text } from '@mantine/core';
import { IconCheck, IconCopy, IconDownload } from '@tabler/icons-react';

/** The keys of the recovery-codes panel's words (the same in each caller's i18n namespace). */
export type RecoveryCodesText =
  'listLabel' | 'copy' | 'copied' | 'download' | 'saved' | 'savedRequired' | 'continue';

interface RecoveryCodesPanelProps {
  codes: string[];
  /** The words, by key, from the caller's i18n namespace. */
  text: (key: RecoveryCodesText) => string;
  /** The .txt file's name and its text, made on click. */
  fileName: string;
  fileText: () => string;
  onDone: () => void;
  /** The list sits in its own yellow box (when the whole panel is not in one). */
  boxedList?: boolean;
  /** The continue button spans the width (instead of sitting in a group). */
  fullWidthContinue?: boolean;
}

/** Offers `text` as a download named `fileName`. */
function downloadText(text: string, fileName: string) {
  const url = URL.createObjectURL(new Blob([text], { type: 'text/plain;charset=utf-8' }));
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  document.body.append(link);
  link.click();
  link.remove();
  window.setTimeout(() => {
    URL.revokeObjectURL(url);
  }, 0);
}

/**
 * Recovery codes shown once: the list, copy, download as .txt, and "I saved them" confirmed
 * before going on. Renders siblings, to sit inside the caller's Stack.
 */
export function RecoveryCodesPanel({
  codes,
  text,
  fileName,
  fileText,
  onDone,
  boxedList = false,
  fullWidthContinue = false,
}: RecoveryCodesPanelProps) {
  const [saved, setSaved] = useState(false);
  const [needSaved, setNeedSaved] = useState(false);

  const list = (
    <SimpleGrid
      component="ol"
      aria-label={text('listLabel')}
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
  );
  const continueButton = (
    <Button
      fullWidth={fullWidthContinue}
      onClick={() => {
        if (saved) onDone();
        else setNeedSaved(true);
      }}
    >
      {text('continue')}
    </Button>
  );

  return (
    <>
      {boxedList ? (
        <Paper withBorder p="md" radius="md" bg="yellow.0">
          {list}
        </Paper>
      ) : (
        list
      )}
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
              {copied ? text('copied') : text('copy')}
            </Button>
          )}
        </CopyButton>
        <Button
          variant="default"
          size="sm"
          onClick={() => {
            downloadText(fileText(), fileName);
          }}
          leftSection={<IconDownload size={16} aria-hidden="true" />}
        >
          {text('download')}
        </Button>
      </Group>
      <Checkbox
        label={text('saved')}
        checked={saved}
        onChange={(event) => {
          setSaved(event.currentTarget.checked);
          setNeedSaved(false);
        }}
        error={needSaved ? text('savedRequired') : undefined}
      />
      {fullWidthContinue ? continueButton : <Group>{continueButton}</Group>}
    </>
  );
}
