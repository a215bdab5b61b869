import { Fieldset, Text, TextInput } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { DateParts } from './form-rules.ts';
import classes from './registration.module.css';

interface DateOfBirthFieldProps {
  value: DateParts;
  onChange: (value: DateParts) => void;
  practiceName: string;
  error?: string | null;
}

/**
 * Date of birth as three labelled number fields in a fieldset (month, day, year): no date picker
 * to fight with, works with autofill (`bday-*`), screen readers and phone keypads.
 */
export function DateOfBirthField({ value, onChange, practiceName, error }: DateOfBirthFieldProps) {
  const { t } = useTranslation();
  const errorId = 'dob-error';
  const helpId = 'dob-help';
  const describedBy = error ? `${helpId} ${errorId}` : helpId;
  const part = (key: keyof DateParts, label: string, autoComplete: string, width: number) => (
    <TextInput
      label={label}
      value={value[key]}
      onChange={(e) => {
        onChange({ ...value, [key]: e.currentTarget.value.replace(/\D/g, '') });
      }}
      inputMode="numeric"
      pattern="[0-9]*"
      autoComplete={autoComplete}
      maxLength={key === 'year' ? 4 : 2}
      size="md"
      w={width}
      aria-describedby={describedBy}
      error={Boolean(error)}
    />
  );

  return (
    <Fieldset
      legend={t('registration.create.dob.legend')}
      variant="unstyled"
      styles={{
        legend: { fontWeight: 600, fontSize: 'var(--mantine-font-size-md)', padding: 0 },
        root: { padding: 0 },
      }}
    >
      <Text id={helpId} size="sm" c="dimmed" mb={6}>
        {t('registration.create.dob.help', { practice: practiceName })}
      </Text>
      <div className={classes.dobFields}>
        {part('month', t('registration.create.dob.month'), 'bday-month', 72)}
        {part('day', t('registration.create.dob.day'), 'bday-day', 72)}
        {part('year', t('registration.create.dob.year'), 'bday-year', 104)}
      </div>
      {error ? (
        <Text id={errorId} size="sm" c="var(--mantine-color-error)" mt={6}>
          {error}
        </Text>
      ) : null}
    </Fieldset>
  );
}
