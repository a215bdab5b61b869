import { useEffect, useRef } from 'react';
import { Title } from '@mantine/core';
import { usePageTitle } from '../../ui/use-page-title.ts';
import classes from '../registration/registration.module.css';

/**
 * A portal page's `<h1>` (phone-sized). With `focus`, it takes the focus when it appears: for a screen that replaces another one
 * without a navigation (a form's confirmation), so screen readers announce the new screen.
 */
export function FocusedTitle({ title, focus = true }: { title: string; focus?: boolean }) {
  const ref = useRef<HTMLHeadingElement>(null);
  usePageTitle(title);
  useEffect(() => {
    if (focus) ref.current?.focus();
  }, [title, focus]);
  return (
    <Title ref={ref} order={1} size="h2" tabIndex={-1} mb="md" className={classes.focusTarget}>
      {title}
    </Title>
  );
}
