import { useRef } from 'react';

/** What makes two sends "the same message": the text parts and each file's identity. */
export function draftSignature(parts: readonly string[], files: readonly File[]): string {
  const fileIds = files.map((f) => `${f.name}:${String(f.size)}:${String(f.lastModified)}`);
  return JSON.stringify([parts, fileIds]);
}

/**
 * One `Idempotency-Key` per composed message: sending the same draft again (a retry after a
 * network failure) reuses the key, so the server stores it once; changing the draft or sending
 * successfully starts a new one.
 */
export function useDraftKey() {
  const current = useRef<{ key: string; signature: string } | null>(null);
  return {
    keyFor(signature: string): string {
      if (current.current?.signature !== signature) {
        current.current = { key: crypto.randomUUID(), signature };
      }
      return current.current.key;
    },
    reset() {
      current.current = null;
    },
  };
}

/** Length in Unicode code points, as the server counts (a surrogate pair counts once). */
export function codePointLength(text: string): number {
  let n = 0;
  for (const _ of text) n++;
  return n;
}
