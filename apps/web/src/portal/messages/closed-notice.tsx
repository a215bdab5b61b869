import { Button, Stack } from '@mantine/core';
import { IconLock } from '@tabler/icons-react';
import { useQuery } from '@tanstack/react-query';
import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import { Notice } from '../../ui/components/notice.tsx';
import { composeOptionsQuery } from './api.ts';

/**
 * Instead of the reply box on a read-only thread: why, and what to do instead (a new message
 * when the practice allows it, otherwise a call).
 */
export function ClosedNotice({ reason }: { reason: 'closed' | 'end_dated' }) {
  const { t } = useTranslation();
  const options = useQuery({ ...composeOptionsQuery, enabled: reason === 'closed' });
  const canStart = reason === 'closed' && options.data?.allowed === true;
  if (reason === 'end_dated') {
    return (
      <Notice
        tone="neutral"
        icon={<IconLock size={18} aria-hidden="true" />}
        title={t('portalMessages.thread.endDatedTitle')}
      >
        {t('portalMessages.thread.endDatedBody')}
      </Notice>
    );
  }
  return (
    <Notice
      tone="neutral"
      icon={<IconLock size={18} aria-hidden="true" />}
      title={t('portalMessages.thread.closedTitle')}
    >
      <Stack gap="sm" align="flex-start">
        <span>
          {canStart
            ? t('portalMessages.thread.closedCanStart')
            : t('portalMessages.thread.closedCallPractice')}
        </span>
        {canStart ? (
          <Button component={Link} to="/portal/messages/new" size="sm">
            {t('portalMessages.thread.startNew')}
          </Button>
        ) : null}
      </Stack>
    </Notice>
  );
}
