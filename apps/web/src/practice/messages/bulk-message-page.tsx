import { useTranslation } from 'react-i18next';

/** Placeholder until the messaging screens land (issue 4). */
export function BulkMessagePage() {
  const { t } = useTranslation();
  return <h1>{t('consoleMessages.title')}</h1>;
}
