import { Anchor, Button, Paper, Stack, Text, Title } from '@mantine/core';
import { IconShieldCheck, IconShieldLock } from '@tabler/icons-react';
import { useQuery } from '@tanstack/react-query';
import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import { ErrorState } from '../../ui/components/error-state.tsx';
import { LoadingState } from '../../ui/components/loading-state.tsx';
import { Notice } from '../../ui/components/notice.tsx';
import { PageHeader } from '../../ui/components/page-header.tsx';
import { MessagesHomeCard } from '../messages/messages-home-card.tsx';
import { usePortalMe } from '../session/portal-context.ts';
import { mfaStatusQuery } from './api.ts';
import { hasSecondFactor } from './rules.ts';

/** Suggests two-step verification while the account has none; says so once it is on. */
function TwoStepCard() {
  const { t } = useTranslation();
  const status = useQuery(mfaStatusQuery);
  if (status.isPending) return <LoadingState rows={2} />;
  if (status.isError)
    return (
      <ErrorState
        error={status.error}
        title={t('portalAccount.home.mfaLoadFailed')}
        onRetry={() => {
          void status.refetch();
        }}
      />
    );
  if (hasSecondFactor(status.data)) {
    return (
      <Notice
        tone="success"
        icon={<IconShieldCheck size={18} aria-hidden="true" />}
        title={t('portalAccount.home.mfaOnTitle')}
      >
        <Stack gap={4} align="flex-start">
          <span>{t('portalAccount.home.mfaOnBody')}</span>
          <Anchor component={Link} to="/portal/security" size="sm">
            {t('portalAccount.home.mfaManage')}
          </Anchor>
        </Stack>
      </Notice>
    );
  }
  return (
    <Paper component="section" withBorder p="md" radius="md" aria-labelledby="home-mfa">
      <Stack gap="sm" align="flex-start">
        <IconShieldLock size={28} stroke={1.5} aria-hidden="true" />
        <Title order={2} size="h3" id="home-mfa">
          {t('portalAccount.home.mfaTitle')}
        </Title>
        <Text size="sm">{t('portalAccount.home.mfaBody')}</Text>
        <Button component={Link} to="/portal/security">
          {t('portalAccount.home.mfaAction')}
        </Button>
      </Stack>
    </Paper>
  );
}

/** `/portal/home`: a welcome, the messages waiting, and a nudge towards two-step verification. */
export function PortalHomePage() {
  const { t } = useTranslation();
  const me = usePortalMe();
  const patient = me.patient;

  return (
    <>
      <PageHeader
        title={
          patient
            ? t('portalAccount.home.welcome', { firstName: patient.firstName })
            : t('portalAccount.home.welcomeNoRecord')
        }
        documentTitle={t('portalAccount.home.title')}
        description={
          patient ? t('portalAccount.home.at', { practice: patient.practice.name }) : undefined
        }
      />
      <Stack gap="lg">
        {patient ? (
          <MessagesHomeCard />
        ) : (
          <Notice tone="warning" title={t('portalAccount.home.noRecordTitle')}>
            {t('portalAccount.home.noRecordBody')}
          </Notice>
        )}
        <TwoStepCard />
      </Stack>
    </>
  );
}
