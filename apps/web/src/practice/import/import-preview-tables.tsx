import { Table, Text, Title } from '@mantine/core';
import type { ImportPreview } from '@portico/contracts';
import { useTranslation } from 'react-i18next';
import { formatCalendarDate, patientFullName } from '../../ui/format.ts';
import { ScrollTable } from '../../ui/components/scroll-table.tsx';

export function SampleTable({ sample }: { sample: ImportPreview['sample'] }) {
  const { t, i18n } = useTranslation();
  if (sample.length === 0) return null;
  return (
    <section>
      <Title order={3} size="h4" mb="xs">
        {t('imports.preview.sampleTitle')}
      </Title>
      <ScrollTable minWidth={640} label={t('imports.preview.sampleTitle')}>
        <Table striped withTableBorder aria-label={t('imports.preview.sampleTitle')}>
          <Table.Thead>
            <Table.Tr>
              <Table.Th scope="col">{t('imports.preview.row')}</Table.Th>
              <Table.Th scope="col">{t('patients.fields.name')}</Table.Th>
              <Table.Th scope="col">{t('patients.fields.dateOfBirth')}</Table.Th>
              <Table.Th scope="col">{t('patients.fields.email')}</Table.Th>
              <Table.Th scope="col">{t('patients.fields.phone')}</Table.Th>
              <Table.Th scope="col">{t('patients.fields.mrn')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {sample.map((r) => (
              <Table.Tr key={r.row}>
                <Table.Td>{r.row}</Table.Td>
                <Table.Td>{patientFullName(r)}</Table.Td>
                <Table.Td>{formatCalendarDate(r.dateOfBirth, i18n.language)}</Table.Td>
                <Table.Td>{r.email ?? ''}</Table.Td>
                <Table.Td>{r.phone ?? ''}</Table.Td>
                <Table.Td>{r.mrn ?? t('imports.preview.mrnGenerated')}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </ScrollTable>
    </section>
  );
}

export function ErrorsTable({ preview }: { preview: ImportPreview }) {
  const { t } = useTranslation();
  if (preview.errors.length === 0) return null;
  return (
    <section>
      <Title order={3} size="h4" mb="xs">
        {t('imports.preview.errorsTitle')}
      </Title>
      <ScrollTable minWidth={480} label={t('imports.preview.errorsTitle')}>
        <Table striped withTableBorder aria-label={t('imports.preview.errorsTitle')}>
          <Table.Thead>
            <Table.Tr>
              <Table.Th scope="col">{t('imports.preview.row')}</Table.Th>
              <Table.Th scope="col">{t('imports.preview.field')}</Table.Th>
              <Table.Th scope="col">{t('imports.preview.problem')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {preview.errors.map((e, i) => (
              <Table.Tr key={`${e.row}-${e.field ?? ''}-${i}`}>
                <Table.Td>{e.row}</Table.Td>
                <Table.Td>
                  <Text size="sm" ff="monospace">
                    {e.field ?? t('imports.preview.wholeRow')}
                  </Text>
                </Table.Td>
                <Table.Td>{e.message}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </ScrollTable>
      {preview.errorsTruncated ? (
        <Text size="sm" c="dimmed" mt="xs">
          {t('imports.preview.errorsTruncated', { count: preview.errors.length })}
        </Text>
      ) : null}
    </section>
  );
}
