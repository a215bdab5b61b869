import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';

/** Sets `document.title` for the current page (WCAG 2.4.2). */
export function usePageTitle(title: string): void {
  const { t } = useTranslation();
  useEffect(() => {
    document.title = t('common.documentTitle', { title });
  }, [t, title]);
}
