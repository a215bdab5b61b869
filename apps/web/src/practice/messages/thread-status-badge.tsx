import { Badge } from '@mantine/core';
import type { ThreadStatus } from '@portico/contracts';
import { useTranslation } from 'react-i18next';

/** The thread's state in words; colour only repeats them. */
export function ThreadStatusBadge({ status }: { status: ThreadStatus }) {
  const { t } = useTranslation();
  // Light badges' own text colour is too pale (yellow especially): dark text keeps the contrast.
  let color: string;
  let text: string;
  switch (status) {
    case 'open':
      color = 'portico';
      text = 'portico.9';
      break;
    case 'waiting':
      color = 'yellow';
      text = 'dark.7';
      break;
    case 'closed':
      color = 'gray';
      text = 'gray.9';
      break;
  }
  return (
    <Badge variant="light" color={color} c={text} style={{ whiteSpace: 'nowrap' }}>
      {t(`consoleMessages.status.${status}`)}
    </Badge>
  );
}
