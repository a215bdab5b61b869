import { Badge, Table, Text } from '@mantine/core';
import type { AuditEvent } from '@portico/contracts';
import { useTranslation } from 'react-i18next';
import { formatDateTime } from '../../ui/format.ts';
import { ScrollTable } from '../../ui/components/scroll-table.tsx';

const outcomeColor: Record<AuditEvent['outcome'], string> = {
  success: 'portico',
  denied: 'red',
  failure: 'red',
};

export function AuditTable({ events, timeZone }: { events: AuditEvent[]; timeZone: string }) {
  const { t, i18n } = useTranslation();
  const actor = (e: AuditEvent) =>
    e.actorLabel ?? (e.actorType === 'system' ? t('audit.system') : t('audit.unknownActor'));
  return (
    <ScrollTable minWidth={900} label={t('audit.caption')}>
      <Table striped aria-label={t('audit.caption')}>
        <Table.Thead>
          <Table.Tr>
            <Table.Th scope="col">{t('audit.columns.time')}</Table.Th>
            <Table.Th scope="col">{t('audit.columns.actor')}</Table.Th>
            <Table.Th scope="col">{t('audit.columns.action')}</Table.Th>
            <Table.Th scope="col">{t('audit.columns.patient')}</Table.Th>
            <Table.Th scope="col">{t('audit.columns.entity')}</Table.Th>
            <Table.Th scope="col">{t('audit.columns.outcome')}</Table.Th>
            <Table.Th scope="col">{t('audit.columns.ip')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {events.map((e) => (
            <Table.Tr key={e.id}>
              <Table.Td style={{ whiteSpace: 'nowrap' }}>
                {formatDateTime(e.occurredAt, timeZone, i18n.language)}
              </Table.Td>
              <Table.Td>{actor(e)}</Table.Td>
              <Table.Td>
                <Text size="sm" ff="monospace">
                  {e.action}
                </Text>
              </Table.Td>
              <Table.Td>{e.patientLabel ?? ''}</Table.Td>
              <Table.Td>
                <Text size="sm">{e.entityType}</Text>
                {e.entityId ? (
                  <Text size="xs" c="dimmed" ff="monospace" title={e.entityId}>
                    {e.entityId.length > 13 ? `${e.entityId.slice(0, 8)}…` : e.entityId}
                  </Text>
                ) : null}
              </Table.Td>
              <Table.Td style={{ whiteSpace: 'nowrap' }}>
                <Badge
                  variant="light"
                  color={outcomeColor[e.outcome]}
                  style={{ overflow: 'visible' }}
                >
                  {t(`audit.outcomes.${e.outcome}`)}
                </Badge>
              </Table.Td>
              <Table.Td>
                <Text size="sm" ff="monospace">
                  {e.ip ?? ''}
                </Text>
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </ScrollTable>
  );
}
