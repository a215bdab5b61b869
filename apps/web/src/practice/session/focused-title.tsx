import { useEffect, useRef } from 'react';
import { Title } from '@mantine/core';
import { usePageTitle } from '../../ui/use-page-title.ts';

const noOutline = { outline: 'none' } as const;

/**
 * A screen's `<h1>` that takes the focus when it appears: the second-factor screens replace one
 * another without a navigation, so screen readers announce each new one. Sets the page title.
 */
export function FocusedTitle({ title }: { title: string }) {
  const ref = useRef<HTMLHeadingElement>(null);
  usePageTitle(title);
  useEffect(() => {
    ref.current?.focus();
  }, [title]);
  return (
    <Title ref={ref} order={1} size="h2" tabIndex={-1} style={noOutline}>
      {title}
    </Title>
  );
}

/** A step's `<h2>`; with `focus`, it takes the focus when it appears (a step within a screen). */
export function StepHeading({ title, focus = false }: { title: string; focus?: boolean }) {
  const ref = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    if (focus) ref.current?.focus();
  }, [focus]);
  return (
    <Title ref={ref} order={2} size="h4" tabIndex={-1} style={noOutline}>
      {title}
    </Title>
  );
}
