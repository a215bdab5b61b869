import { Badge, Button, Group, Paper, Stack, Text } from '@mantine/core';
import { IconDeviceDesktop } from '@tabler/icons-react';
import type { PortalSession } from '@portico/contracts';
import { useTranslation } from 'react-i18next';
import { DetailList } from '../../ui/components/detail-list.tsx';
import { useFormatInstant } from './use-format-instant.ts';

interface SessionCardProps {
  session: PortalSession;
  ending: boolean;
  onEnd: (session: PortalSession) => void;
}

/** One signed-in device: what, where, since when, last seen; "Sign out" for the others. */
export function SessionCard({ session, ending, onEnd }: SessionCardProps) {
  const { t } = useTranslation();
  const formatInstant = useFormatInstant();
  return (
    <Paper component="li" withBorder p="md" radius="md">
      <Stack gap="sm">
        <Group justify="space-between" gap="sm" wrap="nowrap" align="flex-start">
          <Group gap="sm" wrap="nowrap" miw={0}>
            <IconDeviceDesktop
              size={22}
              stroke={1.5}
              aria-hidden="true"
              style={{ flexShrink: 0 }}
            />
            <Text fw={600} style={{ overflowWrap: 'anywhere' }}>
              {session.device}
            </Text>
            {session.current ? (
              <Badge variant="light" color="portico" style={{ flexShrink: 0 }}>
                {t('portalAccount.sessions.thisDevice')}
              </Badge>
            ) : null}
          </Group>
          {session.current ? null : (
            <Button
              variant="default"
              size="xs"
              loading={ending}
              style={{ flexShrink: 0 }}
              aria-label={t('portalAccount.sessions.signOutNamed', { device: session.device })}
              onClick={() => {
                onEnd(session);
              }}
            >
              {t('portalAccount.sessions.signOut')}
            </Button>
          )}
        </Group>
        <DetailList
          cols={3}
          items={[
            {
              label: t('portalAccount.sessions.where'),
              value: session.ip ?? t('portalAccount.sessions.unknownPlace'),
            },
            {
              label: t('portalAccount.sessions.signedIn'),
              value: t('portalAccount.sessions.signedInAt', {
                date: formatInstant(session.createdAt),
                method: t(`portalAccount.sessions.method.${session.signInMethod}`),
              }),
            },
            {
              label: t('portalAccount.sessions.lastActive'),
              value: formatInstant(session.lastSeenAt),
            },
          ]}
        />
      </Stack>
    </Paper>
  );
}
