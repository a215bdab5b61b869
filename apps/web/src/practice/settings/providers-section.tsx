import { useState } from 'react';
import { Badge, Button, Table } from '@mantine/core';
import { IconPlus } from '@tabler/icons-react';
import type { Provider } from '@portico/contracts';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { EmptyState } from '../../ui/components/empty-state.tsx';
import { ErrorState } from '../../ui/components/error-state.tsx';
import { LoadingState } from '../../ui/components/loading-state.tsx';
import { providersQuery } from '../directory/api.ts';
import { useIsAdmin } from '../session/staff-context.ts';
import { ProviderModal } from './provider-modal.tsx';
import { SettingsSection } from './settings-section.tsx';
import { ScrollTable } from '../../ui/components/scroll-table.tsx';

export function ProvidersSection() {
  const { t } = useTranslation();
  const isAdmin = useIsAdmin();
  const providers = useQuery(providersQuery);
  /** undefined = closed; null = adding; a provider = editing it. */
  const [editing, setEditing] = useState<Provider | null | undefined>(undefined);

  let body;
  if (providers.isPending) body = <LoadingState rows={3} />;
  else if (providers.isError)
    body = (
      <ErrorState
        error={providers.error}
        onRetry={() => {
          void providers.refetch();
        }}
      />
    );
  else if (providers.data.items.length === 0)
    body = <EmptyState title={t('settings.providers.empty')} />;
  else
    body = (
      <ScrollTable minWidth={520} label={t('settings.providers.title')}>
        <Table aria-label={t('settings.providers.title')}>
          <Table.Thead>
            <Table.Tr>
              <Table.Th scope="col">{t('settings.providers.displayName')}</Table.Th>
              <Table.Th scope="col">{t('settings.providers.credentials')}</Table.Th>
              <Table.Th scope="col">{t('settings.providers.specialty')}</Table.Th>
              <Table.Th scope="col">{t('settings.status')}</Table.Th>
              {isAdmin ? <Table.Th scope="col">{t('settings.actions')}</Table.Th> : null}
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {providers.data.items.map((p) => (
              <Table.Tr key={p.id}>
                <Table.Td>{p.displayName}</Table.Td>
                <Table.Td>{p.credentials ?? ''}</Table.Td>
                <Table.Td>{p.specialty ?? ''}</Table.Td>
                <Table.Td>
                  <Badge variant="light" color={p.active ? 'portico' : 'gray'}>
                    {p.active ? t('settings.activeBadge') : t('settings.inactiveBadge')}
                  </Badge>
                </Table.Td>
                {isAdmin ? (
                  <Table.Td>
                    <Button
                      size="xs"
                      variant="default"
                      aria-label={t('settings.editNamed', { name: p.displayName })}
                      onClick={() => {
                        setEditing(p);
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
      id="providers-title"
      title={t('settings.providers.title')}
      action={
        isAdmin ? (
          <Button
            size="xs"
            leftSection={<IconPlus size={16} aria-hidden="true" />}
            onClick={() => {
              setEditing(null);
            }}
          >
            {t('settings.providers.add')}
          </Button>
        ) : null
      }
    >
      {body}
      {editing !== undefined ? (
        <ProviderModal
          provider={editing}
          onClose={() => {
            setEditing(undefined);
          }}
        />
      ) : null}
    </SettingsSection>
  );
}
