import { Anchor, Paper, Stack, Text } from '@mantine/core';
import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import { PageHeader } from '../../ui/components/page-header.tsx';
import { PortalShell } from '../shell/portal-shell.tsx';

export function ForgotPasswordPage() {
  const { t } = useTranslation();
  return (
    <PortalShell>
      <Paper withBorder radius="lg" p={{ base: 'md', sm: 'xl' }}>
        <PageHeader title={t('portal.forgot.title')} />
        <Stack gap="md">
          <Text size="md">{t('portal.forgot.body')}</Text>
          <Anchor component={Link} to="/portal">
            {t('portal.forgot.back')}
          </Anchor>
        </Stack>
      </Paper>
    </PortalShell>
  );
}
