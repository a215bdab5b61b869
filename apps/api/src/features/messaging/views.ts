import { and, eq } from 'drizzle-orm';
import type { SentMessage } from '@portico/contracts';
import type { Tx } from '../../platform/db/database.ts';
import { messageAttachments, messageThreads } from './tables.ts';
import { threadMessagesInTx } from './queries.ts';

/** The answer to a send: the new message as the thread shows it. */
export async function sentMessageInTx(
  tx: Tx,
  practiceId: string,
  created: { threadId: string; messageId: string },
  patientDisplayName: string,
): Promise<SentMessage> {
  const [message] = await threadMessagesInTx(
    tx,
    practiceId,
    created.threadId,
    patientDisplayName,
    created.messageId,
  );
  if (!message) throw new Error('sentMessageInTx: the new message is missing');
  return { threadId: created.threadId, message };
}

/** An attachment with the thread and patient it belongs to (RLS confines it to the practice). */
export async function attachmentInTx(tx: Tx, practiceId: string, id: string) {
  const [row] = await tx
    .select({
      id: messageAttachments.id,
      storageKey: messageAttachments.storageKey,
      fileName: messageAttachments.fileName,
      contentType: messageAttachments.contentType,
      sizeBytes: messageAttachments.sizeBytes,
      threadId: messageAttachments.threadId,
      patientId: messageThreads.patientId,
    })
    .from(messageAttachments)
    .innerJoin(messageThreads, eq(messageThreads.id, messageAttachments.threadId))
    .where(and(eq(messageAttachments.practiceId, practiceId), eq(messageAttachments.id, id)));
  return row;
}
