import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { providersQuery } from '../directory/api.ts';
import { DirectorySection } from './directory-section.tsx';
import { ProviderModal } from './provider-modal.tsx';

export function ProvidersSection() {
  const { t } = useTranslation();
  return (
    <DirectorySection
      id="providers-title"
      title={t('settings.providers.title')}
      emptyText={t('settings.providers.empty')}
      addLabel={t('settings.providers.add')}
      minWidth={520}
      query={useQuery(providersQuery)}
      nameOf={(p) => p.displayName}
      columns={[
        { header: t('settings.providers.displayName'), cell: (p) => p.displayName },
        { header: t('settings.providers.credentials'), cell: (p) => p.credentials ?? '' },
        { header: t('settings.providers.specialty'), cell: (p) => p.specialty ?? '' },
      ]}
      renderModal={(provider, onClose) => <ProviderModal provider={provider} onClose={onClose} />}
    />
  );
}
