import { useRef, useState } from 'react';
import { Button, Group, Stack, Text, Title } from '@mantine/core';
import { IconDevices } from '@tabler/icons-react';
import type { PortalSession } from '@portico/contracts';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { ConfirmDialog } from '../../ui/components/confirm-dialog.tsx';
import { EmptyState } from '../../ui/components/empty-state.tsx';
import { ErrorState } from '../../ui/components/error-state.tsx';
import { FormErrorAlert } from '../../ui/components/form-error-alert.tsx';
import { LoadingState } from '../../ui/components/loading-state.tsx';
import { PageHeader } from '../../ui/components/page-header.tsx';
import { shownError } from '../session/reauth.tsx';
import { portalSessionsQuery, useEndOtherSessions, useEndSession } from './api.ts';
import { ChangeNotice } from './security-section.tsx';
import { SessionCard } from './session-card.tsx';

type Confirming = { kind: 'one'; session: PortalSession } | { kind: 'others' } | null;

/** This device first, then the most recently active. */
function ordered(items: PortalSession[]): PortalSession[] {
  return [...items].sort(
    (a, b) => Number(b.current) - Number(a.current) || b.lastSeenAt.localeCompare(a.lastSeenAt),
  );
}

/** `/portal/sessions`: every signed-in device; sign any other out, or all of them. */
export function SessionsPage() {
  const { t } = useTranslation();
  const sessions = useQuery(portalSessionsQuery);
  const endOne = useEndSession();
  const endOthers = useEndOtherSessions();
  const [confirming, setConfirming] = useState<Confirming>(null);
  const [notice, setNotice] = useState('');
  const listTop = useRef<HTMLHeadingElement>(null);

  const failure = shownError(endOne.error) ?? shownError(endOthers.error);
  const afterEnd = (message: string) => {
    setNotice(message);
    window.setTimeout(() => listTop.current?.focus(), 0);
  };

  let body;
  if (sessions.isPending) body = <LoadingState rows={5} />;
  else if (sessions.isError)
    body = (
      <ErrorState
        error={sessions.error}
        onRetry={() => {
          void sessions.refetch();
        }}
      />
    );
  else {
    const items = ordered(sessions.data.items);
    const others = items.filter((s) => !s.current);
    body = (
      <Stack gap="md">
        {failure ? <FormErrorAlert error={failure} /> : null}
        <Stack
          component="ul"
          gap="sm"
          m={0}
          p={0}
          style={{ listStyle: 'none' }}
          aria-labelledby="sessions-list-heading"
        >
          {items.map((session) => (
            <SessionCard
              key={session.id}
              session={session}
              ending={endOne.isPending && endOne.variables === session.id}
              onEnd={(s) => {
                setNotice('');
                endOne.reset();
                endOthers.reset();
                setConfirming({ kind: 'one', session: s });
              }}
            />
          ))}
        </Stack>
        {others.length === 0 ? (
          <EmptyState
            icon={<IconDevices size={32} stroke={1.5} aria-hidden="true" />}
            title={t('portalAccount.sessions.onlyThisTitle')}
            description={t('portalAccount.sessions.onlyThisBody')}
          />
        ) : (
          <Group>
            <Button
              variant="default"
              loading={endOthers.isPending}
              onClick={() => {
                setNotice('');
                endOne.reset();
                endOthers.reset();
                setConfirming({ kind: 'others' });
              }}
            >
              {t('portalAccount.sessions.endOthers')}
            </Button>
          </Group>
        )}
        <Text size="xs" c="dimmed">
          {t('portalAccount.sessions.ipHelp')}
        </Text>
      </Stack>
    );
  }

  const confirmOne = confirming?.kind === 'one' ? confirming.session : null;
  return (
    <>
      <PageHeader
        title={t('portalAccount.sessions.title')}
        description={t('portalAccount.sessions.description')}
      />
      <Title order={2} size="h4" id="sessions-list-heading" ref={listTop} tabIndex={-1} mb="sm">
        {t('portalAccount.sessions.listLabel')}
      </Title>
      <ChangeNotice message={notice} />
      {body}
      <ConfirmDialog
        opened={confirming !== null}
        title={
          confirmOne
            ? t('portalAccount.sessions.signOutTitle')
            : t('portalAccount.sessions.endOthersTitle')
        }
        body={
          confirmOne
            ? t('portalAccount.sessions.signOutBody', { device: confirmOne.device })
            : t('portalAccount.sessions.endOthersBody')
        }
        confirmLabel={
          confirmOne ? t('portalAccount.sessions.signOut') : t('portalAccount.sessions.endOthers')
        }
        destructive
        onCancel={() => {
          setConfirming(null);
        }}
        onConfirm={() => {
          setConfirming(null);
          if (confirmOne) {
            endOne.mutate(confirmOne.id, {
              onSuccess: () => {
                afterEnd(t('portalAccount.sessions.signedOut'));
              },
            });
          } else {
            endOthers.mutate(undefined, {
              onSuccess: () => {
                afterEnd(t('portalAccount.sessions.endedOthers'));
              },
            });
          }
        }}
      />
    </>
  );
}
