import { useCallback, useState } from 'react';

/** A random UUID; `crypto.randomUUID` only exists on secure origins, so build one otherwise. */
function newIdempotencyKey(): string {
  if (typeof crypto.randomUUID === 'function') return crypto.randomUUID();
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  bytes[6] = ((bytes[6] ?? 0) & 0x0f) | 0x40;
  bytes[8] = ((bytes[8] ?? 0) & 0x3f) | 0x80;
  const hex = Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

export interface Draft {
  body: string;
  files: File[];
  setBody: (body: string) => void;
  setFiles: (files: File[]) => void;
  /**
   * The draft's `Idempotency-Key`: made on the first send and kept while the draft is unchanged,
   * so retrying after a failure (or a lost answer) can never send the message twice. Any edit
   * makes it another message, with a key of its own.
   */
  idempotencyKey: () => string;
  /** The next send gets a new key (the server said this one belongs to another message). */
  renewKey: () => void;
  /** After a send: an empty draft and no key. */
  clear: () => void;
}

/** `onEdit`: called on every change (e.g. to forget the last failed send's error). */
export function useDraft(onEdit?: () => void): Draft {
  const [body, setBodyState] = useState('');
  const [files, setFilesState] = useState<File[]>([]);
  const [key, setKey] = useState<string | null>(null);

  const setBody = useCallback(
    (next: string) => {
      setBodyState(next);
      setKey(null);
      onEdit?.();
    },
    [onEdit],
  );
  const setFiles = useCallback(
    (next: File[]) => {
      setFilesState(next);
      setKey(null);
      onEdit?.();
    },
    [onEdit],
  );
  const idempotencyKey = () => {
    if (key) return key;
    const fresh = newIdempotencyKey();
    setKey(fresh);
    return fresh;
  };
  const clear = useCallback(() => {
    setBodyState('');
    setFilesState([]);
    setKey(null);
  }, []);

  const renewKey = useCallback(() => {
    setKey(null);
  }, []);

  return { body, files, setBody, setFiles, idempotencyKey, renewKey, clear };
}
