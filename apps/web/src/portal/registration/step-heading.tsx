import { useEffect, useRef } from 'react';
import { Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { usePageTitle } from '../../ui/use-page-title.ts';
import classes from './registration.module.css';

interface StepHeadingProps {
  title: string;
  /** 1-based position in the flow, for the document title ("… (step 2 of 4)"). */
  current: number;
  total: number;
}

/**
 * The step's `<h1>`. Each step is its own screen: it sets the page title and takes the focus
 * when it appears, so screen readers announce the new step.
 */
export function StepHeading({ title, current, total }: StepHeadingProps) {
  const { t } = useTranslation();
  const ref = useRef<HTMLHeadingElement>(null);
  usePageTitle(t('registration.documentTitle', { title, current, total }));

  useEffect(() => {
    ref.current?.focus();
  }, [title]);

  return (
    <Title ref={ref} order={1} size="h2" tabIndex={-1} className={classes.focusTarget}>
      {title}
    </Title>
  );
}
