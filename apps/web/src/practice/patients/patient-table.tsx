import { Anchor, Checkbox, Table, Text, VisuallyHidden } from '@mantine/core';
import type { PatientSummary } from '@portico/contracts';
import { Link, useNavigate } from 'react-router';
import { useTranslation } from 'react-i18next';
import { formatCalendarDate, formatPhone, patientFullName } from '../../ui/format.ts';
import { InvitationStatusBadge } from './invitation-status-badge.tsx';
import { PatientStatusBadge } from './patient-status-badge.tsx';
import { ScrollTable } from '../../ui/components/scroll-table.tsx';

/** Row selection (for bulk invitations); absent for roles that cannot invite. */
export interface PatientSelection {
  selected: ReadonlySet<string>;
  onChange: (ids: string[], checked: boolean) => void;
}

interface PatientTableProps {
  patients: PatientSummary[];
  selection?: PatientSelection;
}

/** The patient list; each row opens the patient (the name is the keyboard-reachable link). */
export function PatientTable({ patients, selection }: PatientTableProps) {
  const { t, i18n } = useTranslation();
  const navigate = useNavigate();
  const pageIds = patients.map((p) => p.id);
  const selectedOnPage = selection ? pageIds.filter((id) => selection.selected.has(id)).length : 0;
  return (
    <ScrollTable minWidth={880} label={t('patients.list.caption')}>
      <Table striped aria-label={t('patients.list.caption')}>
        <Table.Thead>
          <Table.Tr>
            {selection ? (
              <Table.Th scope="col" w={48}>
                <VisuallyHidden>{t('invitations.bulk.selectColumn')}</VisuallyHidden>
                <Checkbox
                  aria-label={t('invitations.bulk.selectPage')}
                  checked={selectedOnPage > 0 && selectedOnPage === pageIds.length}
                  indeterminate={selectedOnPage > 0 && selectedOnPage < pageIds.length}
                  onChange={(e) => {
                    selection.onChange(pageIds, e.currentTarget.checked);
                  }}
                />
              </Table.Th>
            ) : null}
            <Table.Th scope="col">{t('patients.fields.name')}</Table.Th>
            <Table.Th scope="col">{t('patients.fields.dateOfBirth')}</Table.Th>
            <Table.Th scope="col">{t('patients.fields.mrn')}</Table.Th>
            <Table.Th scope="col">{t('patients.fields.email')}</Table.Th>
            <Table.Th scope="col">{t('patients.fields.phone')}</Table.Th>
            <Table.Th scope="col">{t('patients.fields.status')}</Table.Th>
            <Table.Th scope="col">{t('patients.fields.portalStatus')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {patients.map((p) => (
            <Table.Tr
              key={p.id}
              style={{ cursor: 'pointer' }}
              onClick={(event) => {
                if (event.target instanceof Element && event.target.closest('a, input, label'))
                  return;
                void navigate(`/practice/patients/${p.id}`);
              }}
            >
              {selection ? (
                <Table.Td>
                  <Checkbox
                    aria-label={t('invitations.bulk.selectRow', { name: patientFullName(p) })}
                    checked={selection.selected.has(p.id)}
                    onChange={(e) => {
                      selection.onChange([p.id], e.currentTarget.checked);
                    }}
                  />
                </Table.Td>
              ) : null}
              <Table.Td>
                <Anchor component={Link} to={`/practice/patients/${p.id}`} fw={600} size="sm">
                  {patientFullName(p)}
                </Anchor>
                {p.preferredName ? (
                  <Text span size="sm" c="dimmed">
                    {' '}
                    ({p.preferredName})
                  </Text>
                ) : null}
              </Table.Td>
              <Table.Td>{formatCalendarDate(p.dateOfBirth, i18n.language)}</Table.Td>
              <Table.Td>
                <Text size="sm" ff="monospace">
                  {p.mrn}
                </Text>
              </Table.Td>
              <Table.Td style={{ overflowWrap: 'anywhere' }}>{p.email ?? ''}</Table.Td>
              <Table.Td>{formatPhone(p.phone)}</Table.Td>
              <Table.Td>
                <PatientStatusBadge status={p.status} />
              </Table.Td>
              <Table.Td>
                <InvitationStatusBadge status={p.portalStatus} step={null} />
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </ScrollTable>
  );
}
