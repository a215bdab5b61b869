import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import classes from './scroll-table.module.css';

interface ScrollTableProps {
  /** Names the scrollable region (usually the table's own label). */
  label: string;
  /** Below this width the table scrolls sideways instead of squeezing its columns. */
  minWidth: number;
  children: ReactNode;
}

/**
 * A horizontally scrollable table wrapper that keyboard users can reach and scroll
 * (a focusable, labelled region — axe `scrollable-region-focusable`).
 */
export function ScrollTable({ label, minWidth, children }: ScrollTableProps) {
  const { t } = useTranslation();
  return (
    <div
      className={classes.region}
      role="region"
      aria-label={t('common.scrollTable', { label })}
      tabIndex={0}
    >
      <div style={{ minWidth }}>{children}</div>
    </div>
  );
}
