import { validation } from '../../platform/errors.ts';

/** The keyset position of a thread in a newest-first list. */
export interface ThreadCursor {
  lastMessageAt: Date;
  id: string;
}

const uuidPattern = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

export function encodeCursor(cursor: ThreadCursor): string {
  return Buffer.from(`${cursor.lastMessageAt.toISOString()}|${cursor.id}`).toString('base64url');
}

/** Reads a cursor from a client; anything that is not one of ours is a VALIDATION error. */
export function decodeCursor(text: string): ThreadCursor {
  const [at, id] = Buffer.from(text, 'base64url').toString('utf8').split('|');
  const lastMessageAt = new Date(at ?? '');
  if (!id || !uuidPattern.test(id) || Number.isNaN(lastMessageAt.getTime())) {
    throw validation('That page link is not valid. Go back to the first page.', [
      { path: 'cursor', message: 'Not a page cursor.' },
    ]);
  }
  return { lastMessageAt, id };
}
