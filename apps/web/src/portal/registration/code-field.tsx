import type { Ref } from 'react';
import { TextInput } from '@mantine/core';
import { codeDigits } from './form-rules.ts';

interface CodeFieldProps {
  label: string;
  description?: string;
  value: string;
  onChange: (digits: string) => void;
  error?: string | null;
  ref?: Ref<HTMLInputElement>;
}

/** A 6-digit code: numeric keypad on phones, filled from SMS/email by the browser when it can. */
export function CodeField({ label, description, value, onChange, error, ref }: CodeFieldProps) {
  return (
    <TextInput
      ref={ref}
      label={label}
      description={description}
      value={value}
      onChange={(e) => {
        onChange(codeDigits(e.currentTarget.value).slice(0, 6));
      }}
      error={error}
      inputMode="numeric"
      autoComplete="one-time-code"
      pattern="[0-9]*"
      maxLength={12}
      size="md"
      required
      styles={{ input: { letterSpacing: '0.3em', fontVariantNumeric: 'tabular-nums' } }}
    />
  );
}
