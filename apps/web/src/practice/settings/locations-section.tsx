import type { Location } from '@portico/contracts';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { formatPhone } from '../../ui/format.ts';
import { locationsQuery } from '../directory/api.ts';
import { DirectorySection } from './directory-section.tsx';
import { LocationModal } from './location-modal.tsx';

function addressOf(l: Location): string {
  return [l.addressLine1, l.city, l.region, l.postalCode].filter(Boolean).join(', ');
}

export function LocationsSection() {
  const { t } = useTranslation();
  return (
    <DirectorySection
      id="locations-title"
      title={t('settings.locations.title')}
      emptyText={t('settings.locations.empty')}
      addLabel={t('settings.locations.add')}
      minWidth={640}
      query={useQuery(locationsQuery)}
      nameOf={(l) => l.name}
      columns={[
        { header: t('settings.locations.fields.name'), cell: (l) => l.name },
        { header: t('settings.locations.address'), cell: addressOf },
        { header: t('settings.locations.fields.phone'), cell: (l) => formatPhone(l.phone) },
        { header: t('settings.locations.fields.timeZone'), cell: (l) => l.timeZone },
      ]}
      renderModal={(location, onClose) => <LocationModal location={location} onClose={onClose} />}
    />
  );
}
