import { useRef } from 'react';
import type { ReactNode } from 'react';
import { Button, Group, Stack, Text, Textarea } from '@mantine/core';
import { IconBraces } from '@tabler/icons-react';
import { templateVariables } from '@portico/contracts';
import { useTranslation } from 'react-i18next';

interface BodyFieldProps {
  value: string;
  onChange: (value: string) => void;
  error: string | undefined;
  /** Shown under the label, e.g. the SMS counter. */
  extraDescription?: ReactNode;
}

/** The message body, with buttons that insert `{{variable}}` at the cursor. */
export function TemplateBodyField({ value, onChange, error, extraDescription }: BodyFieldProps) {
  const { t } = useTranslation();
  const textarea = useRef<HTMLTextAreaElement>(null);

  const insert = (variable: string) => {
    const el = textarea.current;
    const token = `{{${variable}}}`;
    const start = el?.selectionStart ?? value.length;
    const end = el?.selectionEnd ?? value.length;
    onChange(value.slice(0, start) + token + value.slice(end));
    // Put the cursor after the inserted variable once React has rendered the new value.
    window.setTimeout(() => {
      el?.focus();
      el?.setSelectionRange(start + token.length, start + token.length);
    }, 0);
  };

  return (
    <Stack gap="xs">
      <Textarea
        ref={textarea}
        label={t('invitations.templates.body')}
        description={
          <>
            {t('invitations.templates.bodyHint', { variable: '{{patient_portal_link}}' })}
            {extraDescription ? <> {extraDescription}</> : null}
          </>
        }
        value={value}
        onChange={(e) => {
          onChange(e.currentTarget.value);
        }}
        error={error}
        autosize
        minRows={5}
        maxRows={14}
        maxLength={5000}
        required
        styles={{ input: { fontFamily: 'var(--mantine-font-family-monospace)' } }}
      />
      <div role="group" aria-labelledby="template-variables-label">
        <Text size="sm" fw={500} id="template-variables-label">
          {t('invitations.templates.variables')}
        </Text>
        <Text size="xs" c="dimmed" mb={6}>
          {t('invitations.templates.variablesHint')}
        </Text>
        <Stack gap={4}>
          {templateVariables.map((variable) => (
            <Group key={variable} gap="xs" wrap="nowrap">
              <Button
                size="compact-sm"
                variant="default"
                leftSection={<IconBraces size={14} aria-hidden="true" />}
                aria-label={t('invitations.templates.insertVariable', {
                  variable: `{{${variable}}}`,
                  meaning: t(`invitations.templates.variable.${variable}`),
                })}
                onClick={() => {
                  insert(variable);
                }}
              >
                {variable}
              </Button>
              <Text size="xs" c="dimmed" aria-hidden="true">
                {t(`invitations.templates.variable.${variable}`)}
              </Text>
            </Group>
          ))}
        </Stack>
      </div>
    </Stack>
  );
}
