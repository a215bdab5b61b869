import { Group, Text } from '@mantine/core';
import { IconAlertTriangle, IconCheck, IconClock } from '@tabler/icons-react';
import type { InvitationStatus } from '@portico/contracts';
import { useTranslation } from 'react-i18next';
import { DetailList } from '../../ui/components/detail-list.tsx';
import type { DetailItem } from '../../ui/components/detail-list.tsx';
import { formatDateTime } from '../../ui/format.ts';
import { useStaff } from '../session/staff-context.ts';
import { InvitationStatusBadge } from './invitation-status-badge.tsx';

type Current = NonNullable<InvitationStatus['current']>;
type Delivery = Current['channels'][number]['delivery'];

const deliveryIcons = {
  queued: IconClock,
  delivered: IconCheck,
  failed: IconAlertTriangle,
} as const satisfies Record<Delivery, unknown>;

function DeliveryList({ channels }: { channels: Current['channels'] }) {
  const { t } = useTranslation();
  return (
    <Group component="span" gap="md">
      {channels.map(({ channel, delivery }) => {
        const Icon = deliveryIcons[delivery];
        return (
          <Text
            key={channel}
            component="span"
            size="sm"
            fw={delivery === 'failed' ? 700 : undefined}
            c={delivery === 'failed' ? 'red.9' : undefined}
            style={{ display: 'inline-flex', alignItems: 'center', gap: 4 }}
          >
            <Icon size={16} aria-hidden="true" />
            {t('invitations.card.deliveryItem', {
              channel: t(`invitations.channel.${channel}`),
              state: t(`invitations.delivery.${delivery}`),
            })}
          </Text>
        );
      })}
    </Group>
  );
}

/** Status, when and how it was sent, delivery per channel, expiry — times in the practice's zone. */
export function InvitationStatusDetails({ status }: { status: InvitationStatus }) {
  const { t, i18n } = useTranslation();
  const me = useStaff();
  const at = (iso: string) => formatDateTime(iso, me.practice.timeZone, i18n.language);
  const current = status.current;
  const items: DetailItem[] = [
    {
      label: t('invitations.card.statusLabel'),
      value: (
        <InvitationStatusBadge status={status.status} step={current?.registrationStep ?? null} />
      ),
    },
  ];
  if (current) {
    const channels = current.channels
      .map((c) => t(`invitations.channel.${c.channel}`))
      .join(t('invitations.channelSeparator'));
    items.push(
      {
        label: t('invitations.card.sent'),
        value: t('invitations.card.sentBy', { time: at(current.sentAt), channels }),
      },
      {
        label: t('invitations.card.delivery'),
        value: <DeliveryList channels={current.channels} />,
      },
    );
    // A revoked link never expires: it is already dead.
    if (current.revokedAt === null) {
      items.push({
        label:
          status.status === 'expired'
            ? t('invitations.card.expired')
            : t('invitations.card.expires'),
        value: at(current.expiresAt),
      });
    }
    if (current.openedAt) {
      items.push({ label: t('invitations.card.opened'), value: at(current.openedAt) });
    }
    if (current.revokedAt) {
      items.push({ label: t('invitations.card.revoked'), value: at(current.revokedAt) });
    }
  }
  return <DetailList items={items} />;
}
