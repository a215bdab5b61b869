import type { TFunction } from 'i18next';
import type { PortalThread } from '@portico/contracts';

/** A thread's name for the patient: the translated subject they chose, or the practice's subject. */
export function threadTitle(thread: Pick<PortalThread, 'subject' | 'topic'>, t: TFunction): string {
  return thread.topic ? t(`portalMessages.topics.${thread.topic}`) : thread.subject;
}
