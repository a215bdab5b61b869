import { useState } from 'react';
import { Anchor, Badge, Button, Group, Stack, Table } from '@mantine/core';
import { IconCopy, IconPencil, IconPlus } from '@tabler/icons-react';
import type { InvitationTemplate } from '@portico/contracts';
import { useQuery } from '@tanstack/react-query';
import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import { EmptyState } from '../../ui/components/empty-state.tsx';
import { ErrorState } from '../../ui/components/error-state.tsx';
import { LoadingState } from '../../ui/components/loading-state.tsx';
import { PageHeader } from '../../ui/components/page-header.tsx';
import { ScrollTable } from '../../ui/components/scroll-table.tsx';
import { formatDateTime } from '../../ui/format.ts';
import { useStaff } from '../session/staff-context.ts';
import { invitationTemplatesQuery, templatesInOrder } from './invitation-templates-api.ts';
import { InvitationTemplateModal } from './invitation-template-modal.tsx';
import type { TemplateStart } from './invitation-template-modal.tsx';

const blank: TemplateStart = {
  id: null,
  draft: { channel: 'email', name: '', subject: '', body: '' },
};

function TemplateRow({
  template: x,
  onOpen,
}: {
  template: InvitationTemplate;
  onOpen: (start: TemplateStart) => void;
}) {
  const { t, i18n } = useTranslation();
  const me = useStaff();
  const draft = { channel: x.channel, name: x.name, subject: x.subject, body: x.body };
  return (
    <Table.Tr>
      <Table.Th scope="row" fw={500}>
        {x.name}
      </Table.Th>
      <Table.Td>{t(`invitations.channel.${x.channel}`)}</Table.Td>
      <Table.Td>{x.subject ?? ''}</Table.Td>
      <Table.Td>
        <Badge variant="light" color={x.builtIn ? 'gray' : 'portico'} miw="max-content">
          {x.builtIn ? t('invitations.templates.builtIn') : t('invitations.templates.custom')}
        </Badge>
      </Table.Td>
      <Table.Td>
        {x.updatedAt ? formatDateTime(x.updatedAt, me.practice.timeZone, i18n.language) : ''}
      </Table.Td>
      <Table.Td>
        {x.builtIn ? (
          <Button
            size="xs"
            variant="default"
            leftSection={<IconCopy size={14} aria-hidden="true" />}
            aria-label={t('invitations.templates.copyNamed', { name: x.name })}
            onClick={() => {
              onOpen({
                id: null,
                draft: { ...draft, name: t('invitations.templates.copyOf', { name: x.name }) },
              });
            }}
          >
            {t('invitations.templates.copy')}
          </Button>
        ) : (
          <Button
            size="xs"
            variant="default"
            leftSection={<IconPencil size={14} aria-hidden="true" />}
            aria-label={t('invitations.templates.editNamed', { name: x.name })}
            onClick={() => {
              onOpen({ id: x.id, draft });
            }}
          >
            {t('invitations.templates.edit')}
          </Button>
        )}
      </Table.Td>
    </Table.Tr>
  );
}

export function InvitationTemplatesPage() {
  const { t } = useTranslation();
  const templates = useQuery(invitationTemplatesQuery);
  /** null = closed. */
  const [start, setStart] = useState<TemplateStart | null>(null);

  let body;
  if (templates.isPending) body = <LoadingState rows={4} />;
  else if (templates.isError)
    body = (
      <ErrorState
        error={templates.error}
        onRetry={() => {
          void templates.refetch();
        }}
      />
    );
  else if (templates.data.items.length === 0)
    body = <EmptyState title={t('invitations.templates.empty')} />;
  else
    body = (
      <ScrollTable minWidth={720} label={t('invitations.templates.tableLabel')}>
        <Table aria-label={t('invitations.templates.tableLabel')}>
          <Table.Thead>
            <Table.Tr>
              <Table.Th scope="col">{t('invitations.templates.name')}</Table.Th>
              <Table.Th scope="col">{t('invitations.templates.channel')}</Table.Th>
              <Table.Th scope="col">{t('invitations.templates.subject')}</Table.Th>
              <Table.Th scope="col">{t('invitations.templates.type')}</Table.Th>
              <Table.Th scope="col">{t('invitations.templates.updatedAt')}</Table.Th>
              <Table.Th scope="col">{t('invitations.templates.actions')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {templatesInOrder(templates.data.items).map((x) => (
              <TemplateRow key={x.id} template={x} onOpen={setStart} />
            ))}
          </Table.Tbody>
        </Table>
      </ScrollTable>
    );

  return (
    <>
      <PageHeader
        title={t('invitations.templates.title')}
        description={t('invitations.templates.description')}
        actions={
          <Button
            leftSection={<IconPlus size={16} aria-hidden="true" />}
            onClick={() => {
              setStart(blank);
            }}
          >
            {t('invitations.templates.add')}
          </Button>
        }
      />
      <Stack gap="md">
        {body}
        <Group>
          <Anchor component={Link} to="/practice/settings" size="sm">
            {t('invitations.templates.backToSettings')}
          </Anchor>
        </Group>
      </Stack>
      {start ? (
        <InvitationTemplateModal
          start={start}
          onClose={() => {
            setStart(null);
          }}
        />
      ) : null}
    </>
  );
}
