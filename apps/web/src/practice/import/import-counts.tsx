import { Group, Paper, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { formatNumber } from '../../ui/format.ts';
import classes from './import.module.css';

interface Counts {
  totalRows: number;
  validRows: number;
  invalidRows: number;
}

/** Three figures: rows in the file, ready to import, with problems. */
export function ImportCounts({ totalRows, validRows, invalidRows }: Counts) {
  const { t, i18n } = useTranslation();
  const stats = [
    { label: t('imports.preview.total'), value: totalRows },
    { label: t('imports.preview.valid'), value: validRows },
    { label: t('imports.preview.invalid'), value: invalidRows },
  ];
  return (
    <Group component="dl" gap="sm" m={0}>
      {stats.map((s) => (
        <Paper key={s.label} withBorder p="sm" radius="md" className={classes.stat}>
          <Text component="dt" size="xs" c="dimmed" fw={600} tt="uppercase">
            {s.label}
          </Text>
          <Text component="dd" m={0} fz="xl" fw={700}>
            {formatNumber(s.value, i18n.language)}
          </Text>
        </Paper>
      ))}
    </Group>
  );
}
