import type { FastifyReply } from 'fastify';
import type { FileStorage } from '../storage/file-storage.ts';

export type StoredFile = {
  storageKey: string;
  fileName: string;
  contentType: string;
  sizeBytes: number;
};

/**
 * `filename="…"` for old clients: accents dropped, other non-ASCII characters and `"` `\` `%`
 * replaced by `_`; a name with no ASCII letter or digit left becomes "attachment" (keeping its
 * extension).
 */
function asciiFallback(fileName: string): string {
  const ascii = fileName
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .replace(/[^\x20-\x7e]|["\\%]/g, '_');
  if (/[A-Za-z0-9]/.test(ascii.replace(/\.[A-Za-z0-9]{1,10}$/, ''))) return ascii;
  return `attachment${/\.[A-Za-z0-9]{1,10}$/.exec(ascii)?.[0] ?? ''}`;
}

/** RFC 5987 / 8187 `filename*` value: UTF-8, percent-encoded, including ' ( ) *. */
function encodedFileName(fileName: string): string {
  return encodeURIComponent(fileName).replace(
    /['()*]/g,
    (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`,
  );
}

export function contentDisposition(fileName: string): string {
  return `attachment; filename="${asciiFallback(fileName)}"; filename*=UTF-8''${encodedFileName(fileName)}`;
}

/**
 * Streams a stored attachment as a download: never rendered inline, never sniffed into another
 * type, never cached, and sandboxed should a browser open it anyway.
 */
export async function sendStoredFile(
  reply: FastifyReply,
  storage: FileStorage,
  file: StoredFile,
): Promise<FastifyReply> {
  const stream = await storage.open(file.storageKey);
  return reply
    .header('Content-Type', file.contentType)
    .header('Content-Disposition', contentDisposition(file.fileName))
    .header('X-Content-Type-Options', 'nosniff')
    .header('Cache-Control', 'no-store')
    .header('Content-Security-Policy', "sandbox; default-src 'none'")
    .header('Content-Length', String(file.sizeBytes))
    .send(stream);
}
