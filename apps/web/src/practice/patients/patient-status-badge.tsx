import { Badge } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { PatientSummary } from '@portico/contracts';

export function PatientStatusBadge({ status }: { status: PatientSummary['status'] }) {
  const { t } = useTranslation();
  return status === 'active' ? (
    <Badge variant="light" color="portico">
      {t('patients.status.active')}
    </Badge>
  ) : (
    <Badge variant="light" color="gray">
      {t('patients.status.end_dated')}
    </Badge>
  );
}
