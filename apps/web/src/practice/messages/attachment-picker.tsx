import { useId, useRef, useState } from 'react';
import type { DragEvent } from 'react';
import { ActionIcon, Button, Group, List, Paper, Stack, Text } from '@mantine/core';
import { IconPaperclip, IconX } from '@tabler/icons-react';
import { attachmentLimits } from '@portico/contracts';
import { useTranslation } from 'react-i18next';
import { formatBytes } from './format-bytes.ts';

interface AttachmentPickerProps {
  files: File[];
  onChange: (files: File[]) => void;
  disabled?: boolean;
}

/** Hints only: the server checks type (by content), count and sizes and has the last word. */
function useHints(files: File[]): string[] {
  const { t, i18n } = useTranslation();
  const hints: string[] = [];
  if (files.length > attachmentLimits.perMessage)
    hints.push(t('consoleMessages.attach.tooMany', { max: attachmentLimits.perMessage }));
  const big = files.filter((f) => f.size > attachmentLimits.bytesEach);
  for (const f of big)
    hints.push(
      t('consoleMessages.attach.tooBig', {
        name: f.name,
        max: formatBytes(attachmentLimits.bytesEach, i18n.language),
      }),
    );
  const total = files.reduce((sum, f) => sum + f.size, 0);
  if (total > attachmentLimits.bytesPerMessage)
    hints.push(
      t('consoleMessages.attach.totalTooBig', {
        max: formatBytes(attachmentLimits.bytesPerMessage, i18n.language),
      }),
    );
  return hints;
}

/** A multiple file input with drag and drop, the chosen files with remove buttons, and hints. */
export function AttachmentPicker({ files, onChange, disabled }: AttachmentPickerProps) {
  const { t, i18n } = useTranslation();
  const input = useRef<HTMLInputElement>(null);
  const [dragging, setDragging] = useState(false);
  const hintId = useId();
  const hints = useHints(files);

  const add = (list: FileList | null) => {
    if (!list || list.length === 0) return;
    onChange([...files, ...Array.from(list)]);
  };
  const onDrop = (event: DragEvent<HTMLDivElement>) => {
    event.preventDefault();
    setDragging(false);
    if (!disabled) add(event.dataTransfer.files);
  };

  return (
    <Stack gap="xs">
      <Paper
        withBorder
        p="sm"
        radius="md"
        style={{
          borderStyle: 'dashed',
          background: dragging ? 'var(--mantine-color-portico-light)' : undefined,
        }}
        onDragOver={(e) => {
          e.preventDefault();
          setDragging(true);
        }}
        onDragLeave={() => {
          setDragging(false);
        }}
        onDrop={onDrop}
      >
        <Group gap="sm" wrap="wrap">
          <Button
            variant="default"
            size="xs"
            leftSection={<IconPaperclip size={16} aria-hidden="true" />}
            onClick={() => input.current?.click()}
            disabled={disabled}
            aria-describedby={hintId}
          >
            {t('consoleMessages.attach.choose')}
          </Button>
          <Text size="xs" c="dimmed" id={hintId}>
            {t('consoleMessages.attach.hint', {
              max: attachmentLimits.perMessage,
              each: formatBytes(attachmentLimits.bytesEach, i18n.language),
            })}
          </Text>
        </Group>
        <input
          ref={input}
          type="file"
          multiple
          hidden
          accept=".pdf,.jpg,.jpeg,.png,.heic,.heif,application/pdf,image/jpeg,image/png,image/heic,image/heif"
          aria-label={t('consoleMessages.attach.choose')}
          onChange={(e) => {
            add(e.currentTarget.files);
            e.currentTarget.value = '';
          }}
        />
      </Paper>
      {files.length > 0 ? (
        <List
          listStyleType="none"
          spacing={4}
          aria-label={t('consoleMessages.attach.chosen', { count: files.length })}
        >
          {files.map((file, index) => (
            <List.Item key={`${file.name}-${String(index)}`}>
              <Group gap="xs" wrap="nowrap">
                <IconPaperclip size={14} aria-hidden="true" />
                <Text size="sm" style={{ overflowWrap: 'anywhere' }}>
                  {file.name}
                </Text>
                <Text size="xs" c="dimmed">
                  {formatBytes(file.size, i18n.language)}
                </Text>
                <ActionIcon
                  variant="subtle"
                  color="gray"
                  size="sm"
                  aria-label={t('consoleMessages.attach.remove', { name: file.name })}
                  onClick={() => {
                    onChange(files.filter((_, i) => i !== index));
                  }}
                  disabled={disabled}
                >
                  <IconX size={14} aria-hidden="true" />
                </ActionIcon>
              </Group>
            </List.Item>
          ))}
        </List>
      ) : null}
      {hints.length > 0 ? (
        <Stack gap={2} role="status">
          {hints.map((hint) => (
            <Text key={hint} size="xs" c="orange.9">
              {hint}
            </Text>
          ))}
        </Stack>
      ) : null}
    </Stack>
  );
}
