import { useTranslation } from 'react-i18next';
import classes from './skip-link.module.css';

export const mainContentId = 'main-content';

/** The first focusable element: jumps past the header and navigation (WCAG 2.4.1). */
export function SkipLink() {
  const { t } = useTranslation();
  return (
    <a className={classes.skipLink} href={`#${mainContentId}`}>
      {t('common.skipToContent')}
    </a>
  );
}
