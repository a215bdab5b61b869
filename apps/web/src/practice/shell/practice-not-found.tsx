import { useTranslation } from 'react-i18next';
import { NotFoundState } from '../../ui/components/not-found.tsx';
import { PageHeader } from '../../ui/components/page-header.tsx';

export function PracticeNotFound() {
  const { t } = useTranslation();
  return (
    <>
      <PageHeader title={t('common.notFound.pageTitle')} />
      <NotFoundState backTo="/practice/patients" backLabel={t('practiceShell.backToPatients')} />
    </>
  );
}
