import { Anchor, Badge, Table, Title } from '@mantine/core';
import type { ImportSummary } from '@portico/contracts';
import { useQuery } from '@tanstack/react-query';
import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import { EmptyState } from '../../ui/components/empty-state.tsx';
import { ErrorState } from '../../ui/components/error-state.tsx';
import { LoadingState } from '../../ui/components/loading-state.tsx';
import { formatDateTime, formatNumber } from '../../ui/format.ts';
import { useStaff } from '../session/staff-context.ts';
import { recentImportsQuery } from './api.ts';
import { ScrollTable } from '../../ui/components/scroll-table.tsx';

const statusColor: Record<ImportSummary['status'], string> = {
  previewed: 'gray',
  importing: 'portico',
  completed: 'portico',
  failed: 'red',
  cancelled: 'gray',
};

export function RecentImports() {
  const { t, i18n } = useTranslation();
  const me = useStaff();
  const list = useQuery(recentImportsQuery);
  const n = (v: number) => formatNumber(v, i18n.language);

  let body;
  if (list.isPending) body = <LoadingState rows={3} />;
  else if (list.isError)
    body = (
      <ErrorState
        error={list.error}
        onRetry={() => {
          void list.refetch();
        }}
      />
    );
  else if (list.data.items.length === 0) body = <EmptyState title={t('imports.recent.empty')} />;
  else
    body = (
      <ScrollTable minWidth={640} label={t('imports.recent.title')}>
        <Table aria-label={t('imports.recent.title')}>
          <Table.Thead>
            <Table.Tr>
              <Table.Th scope="col">{t('imports.recent.file')}</Table.Th>
              <Table.Th scope="col">{t('imports.recent.started')}</Table.Th>
              <Table.Th scope="col">{t('imports.recent.status')}</Table.Th>
              <Table.Th scope="col">{t('imports.recent.imported')}</Table.Th>
              <Table.Th scope="col">{t('imports.recent.skipped')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {list.data.items.map((item) => (
              <Table.Tr key={item.id}>
                <Table.Td>
                  <Anchor component={Link} to={`/practice/import?import=${item.id}`} size="sm">
                    {item.fileName}
                  </Anchor>
                </Table.Td>
                <Table.Td>
                  {formatDateTime(item.createdAt, me.practice.timeZone, i18n.language)}
                </Table.Td>
                <Table.Td>
                  <Badge variant="light" color={statusColor[item.status]}>
                    {t(`imports.status.${item.status}`)}
                  </Badge>
                </Table.Td>
                <Table.Td>{n(item.importedRows)}</Table.Td>
                <Table.Td>{n(item.skippedRows + item.invalidRows)}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </ScrollTable>
    );

  return (
    <section aria-labelledby="recent-imports-title">
      <Title order={2} size="h3" mb="sm" id="recent-imports-title">
        {t('imports.recent.title')}
      </Title>
      {body}
    </section>
  );
}
