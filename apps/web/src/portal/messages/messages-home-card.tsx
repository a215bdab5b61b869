import { Badge, Button, Group, Paper, Stack, Text, Title } from '@mantine/core';
import { IconMessages } from '@tabler/icons-react';
import { useQuery } from '@tanstack/react-query';
import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import { unreadQuery } from './api.ts';

/** The home page's Messages card: how many conversations wait, and the way in. */
export function MessagesHomeCard() {
  const { t } = useTranslation();
  const unread = useQuery(unreadQuery);
  const count = unread.data?.unreadThreads ?? 0;
  let summary: string;
  if (unread.isError) summary = t('portalMessages.home.loadFailed');
  else if (unread.isPending) summary = t('common.loading');
  else
    summary =
      count > 0 ? t('portalMessages.home.unread', { count }) : t('portalMessages.home.noUnread');
  return (
    <Paper component="section" withBorder p="md" radius="md" aria-labelledby="home-messages">
      <Stack gap="sm" align="flex-start">
        <Group gap="sm">
          <IconMessages size={28} stroke={1.5} aria-hidden="true" />
          <Title order={2} size="h3" id="home-messages">
            {t('portalMessages.home.title')}
          </Title>
          {count > 0 ? (
            <Badge color="red.8" aria-hidden="true">
              {t('portalMessages.list.unread', { count })}
            </Badge>
          ) : null}
        </Group>
        <Text size="sm" aria-live="polite">
          {summary}
        </Text>
        <Button component={Link} to="/portal/messages">
          {t('portalMessages.home.open')}
        </Button>
      </Stack>
    </Paper>
  );
}
