import { Stack } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { ErrorState } from '../../ui/components/error-state.tsx';
import { LoadingState } from '../../ui/components/loading-state.tsx';
import { PageHeader } from '../../ui/components/page-header.tsx';
import { mfaStatusQuery } from './api.ts';
import { PasskeysSection } from './passkeys-section.tsx';
import { RecoverySection } from './recovery-section.tsx';
import { SmsSection } from './sms-section.tsx';
import { TotpSection } from './totp-section.tsx';

/** `/portal/security`: second factors, passkeys and recovery codes. */
export function SecurityPage() {
  const { t } = useTranslation();
  const status = useQuery(mfaStatusQuery);

  let body;
  if (status.isPending) body = <LoadingState rows={6} />;
  else if (status.isError)
    body = (
      <ErrorState
        error={status.error}
        onRetry={() => {
          void status.refetch();
        }}
      />
    );
  else
    body = (
      <Stack gap="lg">
        <TotpSection status={status.data} />
        <SmsSection status={status.data} />
        <PasskeysSection status={status.data} />
        <RecoverySection status={status.data} />
      </Stack>
    );

  return (
    <>
      <PageHeader
        title={t('portalAccount.security.title')}
        description={t('portalAccount.security.description')}
      />
      {body}
    </>
  );
}
