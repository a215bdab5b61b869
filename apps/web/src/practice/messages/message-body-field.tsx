import { Textarea } from '@mantine/core';
import { messageBodyLimits } from '@portico/contracts';
import { useTranslation } from 'react-i18next';
import { formatNumber } from '../../ui/format.ts';
import { codePointLength } from './use-draft-key.ts';

interface MessageBodyFieldProps {
  label: string;
  value: string;
  onChange: (value: string) => void;
  error?: string | undefined;
  disabled?: boolean;
  minRows?: number;
}

/** Whether a body may be sent (the server checks again: card numbers, exact limits). */
export function bodyProblem(body: string): 'empty' | 'too_long' | null {
  if (body.trim() === '') return 'empty';
  return codePointLength(body) > messageBodyLimits.staff ? 'too_long' : null;
}

/** The message text with a live character counter below it (staff messages: up to 10 000). */
export function MessageBodyField({
  label,
  value,
  onChange,
  error,
  disabled,
  minRows = 4,
}: MessageBodyFieldProps) {
  const { t, i18n } = useTranslation();
  const used = codePointLength(value);
  const max = messageBodyLimits.staff;
  const n = (v: number) => formatNumber(v, i18n.language);
  const counter =
    used > max
      ? t('consoleMessages.compose.counterOver', {
          used: n(used),
          max: n(max),
          over: n(used - max),
        })
      : t('consoleMessages.compose.counter', { used: n(used), max: n(max) });
  return (
    <Textarea
      label={label}
      description={counter}
      inputWrapperOrder={['label', 'input', 'description', 'error']}
      styles={{ description: { textAlign: 'right', marginTop: 4 } }}
      value={value}
      onChange={(e) => {
        onChange(e.currentTarget.value);
      }}
      error={error}
      disabled={disabled}
      autosize
      minRows={minRows}
      maxRows={16}
      required
    />
  );
}
