import { useRef, useState } from 'react';
import type { DragEvent } from 'react';
import { ActionIcon, Button, FileButton, Group, Stack, Text } from '@mantine/core';
import { IconFile, IconPaperclip, IconX } from '@tabler/icons-react';
import { attachmentLimits } from '@portico/contracts';
import { useTranslation } from 'react-i18next';
import { addFiles, formatBytes } from './draft-rules.ts';
import type { FileProblem } from './draft-rules.ts';
import classes from './attachments.module.css';

/** What phones offer for: the camera, the photo library and files (HEIC is the iPhone's photo). */
export const acceptAttribute = 'image/*,application/pdf,.heic,.heif';

interface AttachmentPickerProps {
  files: File[];
  onChange: (files: File[]) => void;
  disabled?: boolean;
}

/**
 * Attach files: a button (on phones it offers the camera and photo library), a drop zone on
 * larger screens, and the chosen files, each with a remove button. Limits are checked as files
 * are added; the server checks again, by content.
 */
export function AttachmentPicker({ files, onChange, disabled }: AttachmentPickerProps) {
  const { t, i18n } = useTranslation();
  const [problem, setProblem] = useState<FileProblem | null>(null);
  const [dragging, setDragging] = useState(false);
  const resetInput = useRef<() => void>(null);
  const heading = useRef<HTMLParagraphElement>(null);
  const attachButton = useRef<HTMLButtonElement>(null);

  const add = (picked: File[]) => {
    const result = addFiles(files, picked);
    setProblem(result.problem);
    onChange(result.files);
    resetInput.current?.();
  };
  const onDrop = (event: DragEvent<HTMLDivElement>) => {
    event.preventDefault();
    setDragging(false);
    if (disabled) return;
    add(Array.from(event.dataTransfer.files));
  };
  const full = files.length >= attachmentLimits.perMessage;

  return (
    <Stack gap="xs">
      <Group gap="sm" wrap="wrap">
        <FileButton
          onChange={add}
          accept={acceptAttribute}
          multiple
          resetRef={resetInput}
          disabled={disabled === true || full}
        >
          {(props) => (
            <Button
              {...props}
              ref={attachButton}
              variant="default"
              leftSection={<IconPaperclip size={18} aria-hidden="true" />}
            >
              {t('portalMessages.compose.attach')}
            </Button>
          )}
        </FileButton>
        <Text size="xs" c="dimmed">
          {t('portalMessages.compose.attachHelp')}
        </Text>
      </Group>
      <div
        className={classes.dropZone}
        data-active={dragging || undefined}
        onDragOver={(event) => {
          event.preventDefault();
          if (!dragging) setDragging(true);
        }}
        onDragLeave={() => {
          setDragging(false);
        }}
        onDrop={onDrop}
      >
        {dragging ? t('portalMessages.compose.dropActive') : t('portalMessages.compose.dropHere')}
      </div>
      {problem ? (
        <Text size="sm" c="red.8" role="alert">
          {t(`portalMessages.compose.fileProblem.${problem}`)}
        </Text>
      ) : null}
      {files.length > 0 ? (
        <Stack gap={4}>
          <Text size="sm" fw={600} ref={heading} tabIndex={-1} id="chosen-files">
            {t('portalMessages.compose.chosenLabel')}{' '}
            <Text span size="sm" c="dimmed" fw={400}>
              {t('portalMessages.compose.fileCount', {
                count: files.length,
                limit: attachmentLimits.perMessage,
              })}
            </Text>
          </Text>
          <ul className={classes.fileList} aria-labelledby="chosen-files">
            {files.map((file, index) => (
              <li
                key={`${file.name}-${file.size}-${file.lastModified}-${index}`}
                className={classes.fileItem}
              >
                <IconFile size={18} aria-hidden="true" style={{ flexShrink: 0 }} />
                <Text size="sm" className={classes.fileName}>
                  {file.name}{' '}
                  <Text span size="xs" c="dimmed">
                    {formatBytes(file.size, i18n.language)}
                  </Text>
                </Text>
                <ActionIcon
                  variant="subtle"
                  color="gray"
                  size="lg"
                  disabled={disabled}
                  aria-label={t('portalMessages.compose.remove', { name: file.name })}
                  onClick={() => {
                    setProblem(null);
                    const rest = files.filter((_, i) => i !== index);
                    onChange(rest);
                    // The removed row had the focus: keep it in the list, or on the button.
                    if (rest.length > 0) heading.current?.focus();
                    else attachButton.current?.focus();
                  }}
                >
                  <IconX size={18} aria-hidden="true" />
                </ActionIcon>
              </li>
            ))}
          </ul>
        </Stack>
      ) : null}
    </Stack>
  );
}
