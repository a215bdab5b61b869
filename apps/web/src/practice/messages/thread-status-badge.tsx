import { Badge } from '@mantine/core';
import type { ThreadStatus } from '@portico/contracts';
import { useTranslation } from 'react-i18next';

/** The thread's state in words; colour only repeats them. */
export function ThreadStatusBadge({ status }: { status: ThreadStatus }) {
  const { t } = useTranslation();
  let color: string;
  switch (status) {
    case 'open':
      color = 'portico';
      break;
    case 'waiting':
      color = 'yellow';
      break;
    case 'closed':
      color = 'gray';
      break;
  }
  // Light badges' own text colour is too pale on yellow: dark text keeps the contrast.
  return (
    <Badge variant="light" color={color} c={`${color}.9`} style={{ whiteSpace: 'nowrap' }}>
      {t(`consoleMessages.status.${status}`)}
    </Badge>
  );
}
