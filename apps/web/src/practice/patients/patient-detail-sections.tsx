import { Card, SimpleGrid, Title } from '@mantine/core';
import type { PatientDetail } from '@portico/contracts';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { DetailList } from '../../ui/components/detail-list.tsx';
import type { DetailItem } from '../../ui/components/detail-list.tsx';
import { formatCalendarDate, formatDateTime, formatPhone } from '../../ui/format.ts';
import { locationsQuery, providersQuery } from '../directory/api.ts';
import { useStaff } from '../session/staff-context.ts';
import { PatientStatusBadge } from './patient-status-badge.tsx';

function Section({ title, items }: { title: string; items: DetailItem[] }) {
  return (
    <Card withBorder padding="md" radius="md" component="section">
      <Title order={2} size="h3" mb="sm">
        {title}
      </Title>
      <DetailList items={items} />
    </Card>
  );
}

export function PatientDetailSections({ patient: p }: { patient: PatientDetail }) {
  const { t, i18n } = useTranslation();
  const me = useStaff();
  const providers = useQuery(providersQuery);
  const locations = useQuery(locationsQuery);
  const none = t('patients.detail.notRecorded');
  const or = (value: string | null) => (value && value !== '' ? value : none);
  const at = (iso: string) => formatDateTime(iso, me.practice.timeZone, i18n.language);
  const provider = providers.data?.items.find((x) => x.id === p.primaryProviderId);
  const location = locations.data?.items.find((x) => x.id === p.primaryLocationId);
  const lookup = (id: string | null, name: string | undefined, loading: boolean) =>
    id === null
      ? none
      : (name ?? (loading ? t('common.loading') : t('patients.detail.unknownEntry')));

  return (
    <SimpleGrid cols={{ base: 1, md: 2 }} spacing="md">
      <Section
        title={t('patients.detail.sections.identity')}
        items={[
          { label: t('patients.fields.firstName'), value: p.firstName },
          { label: t('patients.fields.lastName'), value: p.lastName },
          { label: t('patients.fields.preferredName'), value: or(p.preferredName) },
          {
            label: t('patients.fields.dateOfBirth'),
            value: formatCalendarDate(p.dateOfBirth, i18n.language),
          },
          { label: t('patients.fields.sex'), value: t(`patients.sex.${p.sex}`) },
          { label: t('patients.fields.mrn'), value: p.mrn },
        ]}
      />
      <Section
        title={t('patients.detail.sections.contact')}
        items={[
          { label: t('patients.fields.email'), value: or(p.email) },
          { label: t('patients.fields.phone'), value: or(p.phone ? formatPhone(p.phone) : null) },
        ]}
      />
      <Section
        title={t('patients.detail.sections.address')}
        items={[
          { label: t('patients.fields.addressLine1'), value: or(p.addressLine1) },
          { label: t('patients.fields.addressLine2'), value: or(p.addressLine2) },
          { label: t('patients.fields.city'), value: or(p.city) },
          { label: t('patients.fields.region'), value: or(p.region) },
          { label: t('patients.fields.postalCode'), value: or(p.postalCode) },
        ]}
      />
      <Section
        title={t('patients.detail.sections.care')}
        items={[
          {
            label: t('patients.fields.primaryProviderId'),
            value: lookup(p.primaryProviderId, provider?.displayName, providers.isPending),
          },
          {
            label: t('patients.fields.primaryLocationId'),
            value: lookup(p.primaryLocationId, location?.name, locations.isPending),
          },
        ]}
      />
      <Section
        title={t('patients.detail.sections.record')}
        items={[
          { label: t('patients.fields.status'), value: <PatientStatusBadge status={p.status} /> },
          ...(p.endDate
            ? [
                {
                  label: t('patients.detail.endDate'),
                  value: formatCalendarDate(p.endDate, i18n.language),
                },
                { label: t('patients.detail.endReason'), value: or(p.endReason) },
              ]
            : []),
          { label: t('patients.detail.createdAt'), value: at(p.createdAt) },
          { label: t('patients.detail.updatedAt'), value: at(p.updatedAt) },
        ]}
      />
    </SimpleGrid>
  );
}
