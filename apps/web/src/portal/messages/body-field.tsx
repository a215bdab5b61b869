import { useEffect, useState } from 'react';
import type { Ref } from 'react';
import { Group, Text, Textarea, VisuallyHidden } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { formatNumber } from '../../ui/format.ts';
import { bodyLimit, codePoints, counterMilestone } from './draft-rules.ts';

interface BodyFieldProps {
  value: string;
  onChange: (value: string) => void;
  error?: string | undefined;
  disabled?: boolean;
  inputRef?: Ref<HTMLTextAreaElement>;
}

/** What the counter says to screen readers near the limit (never on every keystroke). */
function CounterAnnouncement({ length }: { length: number }) {
  const { t } = useTranslation();
  const milestone = counterMilestone(length, bodyLimit);
  const [spoken, setSpoken] = useState<typeof milestone>(null);
  useEffect(() => {
    // Filled after the region is in the page, so the change is announced.
    setSpoken(milestone);
  }, [milestone]);
  let text = '';
  if (spoken === 'over') text = t('portalMessages.compose.spokenOver', { limit: bodyLimit });
  else if (spoken === 0) text = t('portalMessages.compose.spokenAtLimit', { limit: bodyLimit });
  else if (spoken !== null) text = t('portalMessages.compose.spokenLeft', { count: spoken });
  return (
    <VisuallyHidden aria-live="polite" aria-atomic="true">
      {text}
    </VisuallyHidden>
  );
}

/** The message text with a live "n / 1000" counter (Unicode characters, as the API counts). */
export function BodyField({ value, onChange, error, disabled, inputRef }: BodyFieldProps) {
  const { t, i18n } = useTranslation();
  const length = codePoints(value);
  const over = length > bodyLimit;
  return (
    <div>
      <Textarea
        ref={inputRef}
        label={t('portalMessages.compose.body')}
        description={t('portalMessages.compose.bodyHelp')}
        value={value}
        onChange={(event) => {
          onChange(event.currentTarget.value);
        }}
        error={error}
        disabled={disabled}
        autosize
        minRows={4}
        maxRows={14}
        required
      />
      <Group justify="flex-end" mt={4}>
        <Text
          size="sm"
          c={over ? 'red.8' : 'dimmed'}
          fw={over ? 700 : undefined}
          style={{ fontVariantNumeric: 'tabular-nums' }}
        >
          <VisuallyHidden>{t('portalMessages.compose.counterLabel')} </VisuallyHidden>
          {t('portalMessages.compose.counter', {
            used: formatNumber(length, i18n.language),
            limit: formatNumber(bodyLimit, i18n.language),
          })}
        </Text>
      </Group>
      <CounterAnnouncement length={length} />
    </div>
  );
}
