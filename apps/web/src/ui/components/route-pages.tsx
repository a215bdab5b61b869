import { Button, Stack, Text } from '@mantine/core';
import { Link, useRouteError } from 'react-router';
import { useTranslation } from 'react-i18next';
import { SimpleShell } from '../shells/simple-shell.tsx';
import { BrandMark } from './brand-mark.tsx';
import { ErrorState } from './error-state.tsx';
import { LoadingState } from './loading-state.tsx';
import { NotFoundState } from './not-found.tsx';
import { PageHeader } from './page-header.tsx';

/** An unknown address outside any shell. */
export function NotFoundPage() {
  const { t } = useTranslation();
  return (
    <SimpleShell brand={<BrandMark label={t('common.appName')} />}>
      <PageHeader title={t('common.notFound.pageTitle')} />
      <NotFoundState backTo="/" />
    </SimpleShell>
  );
}

/** The router's last resort when a screen throws while rendering. */
export function RouteErrorPage() {
  const { t } = useTranslation();
  const error = useRouteError();
  return (
    <SimpleShell brand={<BrandMark label={t('common.appName')} />}>
      <PageHeader title={t('common.errors.pageTitle')} />
      <Stack gap="md" align="flex-start">
        <ErrorState error={error} />
        <Text size="sm">{t('common.errors.pageHelp')}</Text>
        <Button
          variant="default"
          onClick={() => {
            window.location.reload();
          }}
        >
          {t('common.actions.reload')}
        </Button>
        <Button component={Link} to="/" variant="subtle">
          {t('common.notFound.home')}
        </Button>
      </Stack>
    </SimpleShell>
  );
}

export function FullPageLoading() {
  const { t } = useTranslation();
  return (
    <SimpleShell brand={<BrandMark label={t('common.appName')} />}>
      <LoadingState />
    </SimpleShell>
  );
}
