import { useState, type ReactNode } from 'react';
import { Badge, Button, Table } from '@mantine/core';
import { IconPlus } from '@tabler/icons-react';
import type { UseQueryResult } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { EmptyState } from '../../ui/components/empty-state.tsx';
import { ErrorState } from '../../ui/components/error-state.tsx';
import { LoadingState } from '../../ui/components/loading-state.tsx';
import { ScrollTable } from '../../ui/components/scroll-table.tsx';
import { useIsAdmin } from '../session/staff-context.ts';
import { SettingsSection } from './settings-section.tsx';

export interface DirectoryColumn<T> {
  header: string;
  cell: (item: T) => ReactNode;
}

interface DirectorySectionProps<T extends { id: string; active: boolean }> {
  id: string;
  title: string;
  emptyText: string;
  addLabel: string;
  minWidth: number;
  query: UseQueryResult<{ items: T[] }>;
  columns: DirectoryColumn<T>[];
  nameOf: (item: T) => string;
  /** The add/edit dialog: `item` null means adding. */
  renderModal: (item: T | null, onClose: () => void) => ReactNode;
}

/** A settings list of directory entries (providers, locations): loading/error/empty states, a table, and admin add/edit. */
export function DirectorySection<T extends { id: string; active: boolean }>(
  props: DirectorySectionProps<T>,
) {
  const { t } = useTranslation();
  const isAdmin = useIsAdmin();
  const { query } = props;
  /** undefined = closed; null = adding; an item = editing it. */
  const [editing, setEditing] = useState<T | null | undefined>(undefined);

  let body;
  if (query.isPending) body = <LoadingState rows={3} />;
  else if (query.isError)
    body = (
      <ErrorState
        error={query.error}
        onRetry={() => {
          void query.refetch();
        }}
      />
    );
  else if (query.data.items.length === 0) body = <EmptyState title={props.emptyText} />;
  else
    body = (
      <ScrollTable minWidth={props.minWidth} label={props.title}>
        <Table aria-label={props.title}>
          <Table.Thead>
            <Table.Tr>
              {props.columns.map((c) => (
                <Table.Th key={c.header} scope="col">
                  {c.header}
                </Table.Th>
              ))}
              <Table.Th scope="col">{t('settings.status')}</Table.Th>
              {isAdmin ? <Table.Th scope="col">{t('settings.actions')}</Table.Th> : null}
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {query.data.items.map((item) => (
              <Table.Tr key={item.id}>
                {props.columns.map((c) => (
                  <Table.Td key={c.header}>{c.cell(item)}</Table.Td>
                ))}
                <Table.Td>
                  <Badge variant="light" color={item.active ? 'portico' : 'gray'}>
                    {item.active ? t('settings.activeBadge') : t('settings.inactiveBadge')}
                  </Badge>
                </Table.Td>
                {isAdmin ? (
                  <Table.Td>
                    <Button
                      size="xs"
                      variant="default"
                      aria-label={t('settings.editNamed', { name: props.nameOf(item) })}
                      onClick={() => {
                        setEditing(item);
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
      id={props.id}
      title={props.title}
      action={
        isAdmin ? (
          <Button
            size="xs"
            leftSection={<IconPlus size={16} aria-hidden="true" />}
            onClick={() => {
              setEditing(null);
            }}
          >
            {props.addLabel}
          </Button>
        ) : null
      }
    >
      {body}
      {editing !== undefined
        ? props.renderModal(editing, () => {
            setEditing(undefined);
          })
        : null}
    </SettingsSection>
  );
}
