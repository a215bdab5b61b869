import { Box, Group, Text, VisuallyHidden } from '@mantine/core';
import { registrationSteps } from '@portico/contracts';
import type { RegistrationStep } from '@portico/contracts';
import { IconCircleCheck } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import classes from './registration.module.css';

/** "Step 2 of 4" and the four step names; the current one carries aria-current="step". */
export function RegistrationProgress({ step }: { step: RegistrationStep }) {
  const { t } = useTranslation();
  const index = registrationSteps.indexOf(step);
  const total = registrationSteps.length;
  return (
    <Box component="nav" aria-label={t('registration.progress.label')}>
      <Text size="sm" fw={600} mb={6}>
        {t('registration.progress.stepOf', { current: index + 1, total })}
      </Text>
      <ol className={classes.progress}>
        {registrationSteps.map((name, i) => {
          const state = i < index ? 'done' : i === index ? 'current' : 'todo';
          return (
            <li
              key={name}
              className={classes.progressItem}
              data-state={state}
              aria-current={state === 'current' ? 'step' : undefined}
            >
              <span className={classes.progressBar} aria-hidden="true" />
              <Group gap={4} wrap="nowrap" align="flex-start">
                {state === 'done' ? (
                  <IconCircleCheck size={14} aria-hidden="true" className={classes.progressIcon} />
                ) : null}
                <span className={classes.progressLabel}>{t(`registration.steps.${name}`)}</span>
              </Group>
              {state === 'done' ? (
                <VisuallyHidden>{` (${t('registration.progress.done')})`}</VisuallyHidden>
              ) : null}
            </li>
          );
        })}
      </ol>
    </Box>
  );
}
