import { useState } from 'react';
import { Badge, Button, Table } from '@mantine/core';
import { IconPlus } from '@tabler/icons-react';
import type { Location } from '@portico/contracts';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { EmptyState } from '../../ui/components/empty-state.tsx';
import { ErrorState } from '../../ui/components/error-state.tsx';
import { LoadingState } from '../../ui/components/loading-state.tsx';
import { locationsQuery } from '../directory/api.ts';
import { useIsAdmin } from '../session/staff-context.ts';
import { LocationModal } from './location-modal.tsx';
import { SettingsSection } from './settings-section.tsx';
import { ScrollTable } from '../../ui/components/scroll-table.tsx';
import { formatPhone } from '../../ui/format.ts';

function addressOf(l: Location): string {
  return [l.addressLine1, l.city, l.region, l.postalCode].filter(Boolean).join(', ');
}

export function LocationsSection() {
  const { t } = useTranslation();
  const isAdmin = useIsAdmin();
  const locations = useQuery(locationsQuery);
  /** undefined = closed; null = adding; a location = editing it. */
  const [editing, setEditing] = useState<Location | null | undefined>(undefined);

  let body;
  if (locations.isPending) body = <LoadingState rows={3} />;
  else if (locations.isError)
    body = (
      <ErrorState
        error={locations.error}
        onRetry={() => {
          void locations.refetch();
        }}
      />
    );
  else if (locations.data.items.length === 0)
    body = <EmptyState title={t('settings.locations.empty')} />;
  else
    body = (
      <ScrollTable minWidth={640} label={t('settings.locations.title')}>
        <Table aria-label={t('settings.locations.title')}>
          <Table.Thead>
            <Table.Tr>
              <Table.Th scope="col">{t('settings.locations.fields.name')}</Table.Th>
              <Table.Th scope="col">{t('settings.locations.address')}</Table.Th>
              <Table.Th scope="col">{t('settings.locations.fields.phone')}</Table.Th>
              <Table.Th scope="col">{t('settings.locations.fields.timeZone')}</Table.Th>
              <Table.Th scope="col">{t('settings.status')}</Table.Th>
              {isAdmin ? <Table.Th scope="col">{t('settings.actions')}</Table.Th> : null}
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {locations.data.items.map((l) => (
              <Table.Tr key={l.id}>
                <Table.Td>{l.name}</Table.Td>
                <Table.Td>{addressOf(l)}</Table.Td>
                <Table.Td>{formatPhone(l.phone)}</Table.Td>
                <Table.Td>{l.timeZone}</Table.Td>
                <Table.Td>
                  <Badge variant="light" color={l.active ? 'portico' : 'gray'}>
                    {l.active ? t('settings.activeBadge') : t('settings.inactiveBadge')}
                  </Badge>
                </Table.Td>
                {isAdmin ? (
                  <Table.Td>
                    <Button
                      size="xs"
                      variant="default"
                      aria-label={t('settings.editNamed', { name: l.name })}
                      onClick={() => {
                        setEditing(l);
                      }}
                    >
                      {t('settings.edit')}
                    </Button>
                  </Table.Td>
                ) : null}
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </ScrollTable>
    );

  return (
    <SettingsSection
      id="locations-title"
      title={t('settings.locations.title')}
      action={
        isAdmin ? (
          <Button
            size="xs"
            leftSection={<IconPlus size={16} aria-hidden="true" />}
            onClick={() => {
              setEditing(null);
            }}
          >
            {t('settings.locations.add')}
          </Button>
        ) : null
      }
    >
      {body}
      {editing !== undefined ? (
        <LocationModal
          location={editing}
          onClose={() => {
            setEditing(undefined);
          }}
        />
      ) : null}
    </SettingsSection>
  );
}
