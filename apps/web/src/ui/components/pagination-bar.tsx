import { Button, Group, Text } from '@mantine/core';
import { IconChevronLeft, IconChevronRight } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { formatNumber } from '../format.ts';

interface PaginationBarProps {
  page: number;
  pageSize: number;
  total: number;
  totalIsLowerBound: boolean;
  /** Items on this page. */
  count: number;
  onPageChange: (page: number) => void;
  /** Names what is being paged, e.g. "Patient list pages". */
  label: string;
}

/** Prev/Next with "Showing 1–25 of 50" (or "of 10,000+" when the total is capped). */
export function PaginationBar(props: PaginationBarProps) {
  const { page, pageSize, total, totalIsLowerBound, count, onPageChange, label } = props;
  const { t, i18n } = useTranslation();
  const n = (v: number) => formatNumber(v, i18n.language);
  const from = count === 0 ? 0 : (page - 1) * pageSize + 1;
  const to = count === 0 ? 0 : from + count - 1;
  const hasNext = totalIsLowerBound ? count === pageSize : page * pageSize < total;
  const summary = totalIsLowerBound
    ? t('common.pagination.showingLowerBound', { from: n(from), to: n(to), total: n(total) })
    : t('common.pagination.showing', { from: n(from), to: n(to), total: n(total) });

  return (
    <Group component="nav" aria-label={label} justify="space-between" mt="md" gap="sm">
      <Text size="sm" aria-live="polite">
        {summary}
      </Text>
      <Group gap="xs">
        <Button
          variant="default"
          size="xs"
          leftSection={<IconChevronLeft size={16} aria-hidden="true" />}
          disabled={page <= 1}
          onClick={() => {
            onPageChange(page - 1);
          }}
        >
          {t('common.pagination.previous')}
        </Button>
        <Button
          variant="default"
          size="xs"
          rightSection={<IconChevronRight size={16} aria-hidden="true" />}
          disabled={!hasNext}
          onClick={() => {
            onPageChange(page + 1);
          }}
        >
          {t('common.pagination.next')}
        </Button>
      </Group>
    </Group>
  );
}
