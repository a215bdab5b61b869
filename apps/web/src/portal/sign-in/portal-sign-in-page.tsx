import { useQuery } from '@tanstack/react-query';
import { useParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { isApiError } from '../../ui/api-client.ts';
import { ErrorState } from '../../ui/components/error-state.tsx';
import { LoadingState } from '../../ui/components/loading-state.tsx';
import { NotFoundState } from '../../ui/components/not-found.tsx';
import { PageHeader } from '../../ui/components/page-header.tsx';
import { PortalShell } from '../shell/portal-shell.tsx';
import { publicPracticeQuery } from './api.ts';
import { SignInCard } from './sign-in-card.tsx';

/** `/portal`: Portico-branded sign-in. */
export function PortalSignInPage() {
  return (
    <PortalShell>
      <SignInCard />
    </PortalShell>
  );
}

/** `/portal/:practiceSlug`: the same sign-in, branded with the practice. */
export function PracticePortalSignInPage() {
  const { t } = useTranslation();
  const { practiceSlug = '' } = useParams();
  const practice = useQuery(publicPracticeQuery(practiceSlug));

  if (practice.isPending) {
    return (
      <PortalShell>
        <LoadingState rows={5} />
      </PortalShell>
    );
  }
  if (practice.isError) {
    const notFound = isApiError(practice.error, 'NOT_FOUND');
    return (
      <PortalShell>
        <PageHeader title={notFound ? t('portal.notFound.title') : t('portal.loadFailed')} />
        {notFound ? (
          <NotFoundState
            title={t('portal.notFound.heading')}
            description={t('portal.notFound.description')}
            backTo="/portal"
            backLabel={t('portal.notFound.back')}
          />
        ) : (
          <ErrorState
            error={practice.error}
            onRetry={() => {
              void practice.refetch();
            }}
          />
        )}
      </PortalShell>
    );
  }
  return (
    <PortalShell practice={practice.data}>
      <SignInCard practiceName={practice.data.name} />
    </PortalShell>
  );
}
