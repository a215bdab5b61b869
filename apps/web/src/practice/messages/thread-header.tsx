import { Anchor, Button, Card, Group, NativeSelect, Stack, Text } from '@mantine/core';
import { IconLock, IconLockOpen } from '@tabler/icons-react';
import type { StaffThreadDetail } from '@portico/contracts';
import { useQuery } from '@tanstack/react-query';
import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import { FormErrorAlert } from '../../ui/components/form-error-alert.tsx';
import { staffQuery, useAssignThread, useCloseThread } from './api.ts';
import { ThreadStatusBadge } from './thread-status-badge.tsx';

/** Who the thread is with, its state, who owns it, and close / reopen. */
export function ThreadHeader({ thread }: { thread: StaffThreadDetail }) {
  const { t } = useTranslation();
  const staff = useQuery(staffQuery);
  const assign = useAssignThread(thread.id);
  const closing = useCloseThread(thread.id);
  const members = (staff.data?.items ?? []).filter((m) => m.active || m.id === thread.assignee?.id);
  const options = [
    { value: '', label: t('consoleMessages.unassigned') },
    ...(thread.assignee && !members.some((m) => m.id === thread.assignee?.id)
      ? [{ value: thread.assignee.id, label: thread.assignee.name }]
      : []),
    ...members.map((m) => ({ value: m.id, label: m.displayName })),
  ];
  const closed = thread.status === 'closed';

  return (
    <Card
      withBorder
      padding="md"
      radius="md"
      component="section"
      aria-label={t('consoleMessages.thread.details')}
    >
      <Stack gap="sm">
        <Group justify="space-between" align="flex-start" gap="md" wrap="wrap">
          <Stack gap={2}>
            <Group gap="xs">
              <Anchor component={Link} to={`/practice/patients/${thread.patient.id}`} fw={600}>
                {thread.patient.name}
              </Anchor>
              <Text size="sm" c="dimmed" ff="monospace">
                {thread.patient.mrn}
              </Text>
            </Group>
            <Group gap="xs">
              <ThreadStatusBadge status={thread.status} />
              {thread.provider ? (
                <Text size="sm" c="dimmed">
                  {t('consoleMessages.thread.provider', { name: thread.provider.name })}
                </Text>
              ) : null}
              {thread.location ? (
                <Text size="sm" c="dimmed">
                  {t('consoleMessages.thread.location', { name: thread.location.name })}
                </Text>
              ) : null}
            </Group>
          </Stack>
          <Group align="flex-end" gap="sm" wrap="wrap">
            <NativeSelect
              label={t('consoleMessages.thread.assignee')}
              data={options}
              value={thread.assignee?.id ?? ''}
              disabled={assign.isPending || staff.isError}
              description={staff.isError ? t('consoleMessages.thread.staffUnavailable') : undefined}
              onChange={(e) => {
                const id = e.currentTarget.value;
                assign.mutate(id === '' ? null : id);
              }}
            />
            <Button
              variant="default"
              loading={closing.isPending}
              leftSection={
                closed ? (
                  <IconLockOpen size={16} aria-hidden="true" />
                ) : (
                  <IconLock size={16} aria-hidden="true" />
                )
              }
              onClick={() => {
                closing.mutate(closed ? 'reopen' : 'close');
              }}
            >
              {closed ? t('consoleMessages.thread.reopen') : t('consoleMessages.thread.close')}
            </Button>
          </Group>
        </Group>
        {assign.isError ? <FormErrorAlert error={assign.error} /> : null}
        {closing.isError ? <FormErrorAlert error={closing.error} /> : null}
      </Stack>
    </Card>
  );
}
