import { Indicator, VisuallyHidden } from '@mantine/core';
import { IconMessages } from '@tabler/icons-react';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { unreadQuery } from '../messages/api.ts';

/**
 * The Messages icon with the number of unread threads (polled in the background, so it never
 * keeps an idle session alive). Screen readers get the count as words.
 */
export function MessagesNavIcon() {
  const { t } = useTranslation();
  const unread = useQuery(unreadQuery);
  const count = unread.data?.unreadThreads ?? 0;
  const icon = <IconMessages size={18} stroke={1.75} aria-hidden="true" />;
  if (count === 0) return icon;
  return (
    <>
      <Indicator
        label={count > 99 ? '99+' : String(count)}
        size={16}
        color="red.8"
        offset={2}
        aria-hidden="true"
      >
        {icon}
      </Indicator>
      <VisuallyHidden>{t('consoleMessages.nav.unread', { count })}</VisuallyHidden>
    </>
  );
}
