import { useEffect, useState } from 'react';
import { Stack, Text } from '@mantine/core';
import type { PasswordCheckResult } from '@portico/contracts';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { PasswordField } from '../../ui/components/password-field.tsx';
import { checkPassword } from './api.ts';
import type { PasswordCheckInput } from './api.ts';
import classes from './registration.module.css';

const debounceMs = 350;

const scoreKeys = [
  'registration.strength.scores.veryWeak',
  'registration.strength.scores.weak',
  'registration.strength.scores.fair',
  'registration.strength.scores.good',
  'registration.strength.scores.strong',
] as const;

type CheckState =
  | { kind: 'idle' }
  | { kind: 'checking' }
  | { kind: 'done'; result: PasswordCheckResult }
  | { kind: 'failed' };

/**
 * The server's verdict on the password being typed, asked for once typing pauses. Only the
 * newest answer counts (older requests are aborted).
 */
export function usePasswordCheck({ password, email, token }: PasswordCheckInput): CheckState {
  const [state, setState] = useState<CheckState>({ kind: 'idle' });

  useEffect(() => {
    if (password === '') {
      setState({ kind: 'idle' });
      return;
    }
    setState((prev) => (prev.kind === 'done' ? prev : { kind: 'checking' }));
    const controller = new AbortController();
    const timer = window.setTimeout(() => {
      checkPassword({ password, email, token }, controller.signal).then(
        (result) => {
          setState({ kind: 'done', result });
        },
        (error: unknown) => {
          if (error instanceof DOMException && error.name === 'AbortError') return;
          setState({ kind: 'failed' });
        },
      );
    }, debounceMs);
    return () => {
      window.clearTimeout(timer);
      controller.abort();
    };
  }, [password, email, token]);

  return state;
}

/**
 * The live strength meter under a new-password field: four bars (decorative) and a polite live
 * line with the score in words and, when refused, the reason.
 */
export function PasswordStrength({ check, id }: { check: CheckState; id: string }) {
  const { t } = useTranslation();
  const score = check.kind === 'done' ? check.result.score : null;
  let line: string | null = null;
  if (check.kind === 'done') {
    const words = t(scoreKeys[check.result.score] ?? scoreKeys[0]);
    const detail = check.result.acceptable
      ? t('registration.strength.acceptable')
      : (check.result.reason ?? '');
    line = `${t('registration.strength.summary', { score: words })}. ${detail}`;
  } else if (check.kind === 'failed') {
    line = t('registration.strength.unavailable');
  }

  return (
    <Stack gap={4} id={id}>
      {check.kind === 'idle' ? null : (
        <div className={classes.meter} aria-hidden="true">
          {[1, 2, 3, 4].map((bar) => (
            <span
              key={bar}
              className={classes.meterSegment}
              data-on={score !== null && (bar <= score || (bar === 1 && score === 0))}
              data-score={score ?? undefined}
            />
          ))}
        </div>
      )}
      <Text size="sm" aria-live="polite" aria-atomic="true" mih="1.4em">
        {line}
      </Text>
    </Stack>
  );
}

interface NewPasswordFieldProps {
  label: string;
  description: string;
  value: string;
  onChange: (value: string) => void;
  error: ReactNode;
  check: CheckState;
  autoFocus?: boolean;
}

/** A new password (required) with the live strength meter under it. */
export function NewPasswordField({ onChange, check, ...props }: NewPasswordFieldProps) {
  return (
    <Stack gap={6}>
      <PasswordField
        {...props}
        autoComplete="new-password"
        size="md"
        onChange={(e) => {
          onChange(e.currentTarget.value);
        }}
        required
      />
      <PasswordStrength check={check} id="password-strength" />
    </Stack>
  );
}
