import { Badge, VisuallyHidden } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { unreadQuery } from '../messages/api.ts';
import classes from './portal-frame.module.css';

/**
 * Unread conversations next to "Messages". Polled every minute as a background request
 * (`X-Portico-Background: 1`), so an open tab never keeps an idle session alive.
 */
export function UnreadBadge() {
  const { t } = useTranslation();
  const unread = useQuery(unreadQuery);
  const count = unread.data?.unreadThreads ?? 0;
  if (count === 0) return null;
  return (
    <>
      <Badge
        component="span"
        size="sm"
        circle={count < 10}
        color="red.8"
        className={classes.navBadge}
        aria-hidden="true"
      >
        {count > 99 ? '99+' : count}
      </Badge>
      <VisuallyHidden>, {t('portalMessages.nav.unreadBadge', { count })}</VisuallyHidden>
    </>
  );
}
