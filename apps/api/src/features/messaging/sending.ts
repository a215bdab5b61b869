import { createHash } from 'node:crypto';
import type { SentMessage } from '@portico/contracts';
import type { Database, Tx } from '../../platform/db/database.ts';
import type { Clock } from '../../platform/clock.ts';
import { AppError } from '../../platform/errors.ts';
import {
  newStorageKey,
  type FileStorage,
  type MalwareScanner,
} from '../../platform/storage/file-storage.ts';
import { requestFingerprint, runIdempotently } from '../../platform/idempotency/idempotency.ts';
import type { IncomingFile } from './attachment-intake.ts';
import type { StoredAttachment } from './thread-writes.ts';

export interface SendingDeps {
  db: Database;
  clock: Clock;
  storage: FileStorage;
  scanner: MalwareScanner;
}

/** What a send is: who, which key, what was asked (fields + files), and the write itself. */
export interface SendRequest {
  practiceId: string;
  /** `staff:<id>` / `portal:<account id>`: Idempotency-Keys are per caller. */
  actor: string;
  idempotencyKey: string;
  /** The route and its fields; file contents are added as digests. */
  request: Record<string, unknown>;
  files: IncomingFile[];
  /**
   * Checks and writes in the transaction. Call `storeFiles()` after the checks that can refuse,
   * so a refused send stores nothing.
   */
  write: (tx: Tx, storeFiles: () => Promise<StoredAttachment[]>, now: Date) => Promise<SentMessage>;
}

/**
 * Sends a message exactly once per Idempotency-Key: the files are scanned and written to storage
 * inside the transaction that records the message and the key, so a 2xx means both are durable;
 * if the transaction fails, the files it wrote are removed. A replay stores nothing.
 */
export function createSender({ db, clock, storage, scanner }: SendingDeps) {
  return async function send(req: SendRequest): Promise<SentMessage> {
    const now = clock.now();
    const fingerprint = requestFingerprint({
      ...req.request,
      files: req.files.map((f) => ({
        name: f.fileName,
        sha256: createHash('sha256').update(f.bytes).digest('hex'),
      })),
    });
    const written: string[] = [];
    const storeFiles = async (): Promise<StoredAttachment[]> => {
      const stored: StoredAttachment[] = [];
      for (const file of req.files) {
        if ((await scanner.scan(file.bytes, file.contentType)) !== 'clean') {
          throw new AppError(
            'UNSUPPORTED_MEDIA_TYPE',
            `“${file.fileName}” did not pass the malware scan and was not sent.`,
          );
        }
        const storageKey = newStorageKey(req.practiceId);
        await storage.put(storageKey, file.bytes);
        written.push(storageKey);
        stored.push({
          storageKey,
          fileName: file.fileName,
          contentType: file.contentType,
          sizeBytes: file.bytes.byteLength,
        });
      }
      return stored;
    };
    try {
      const result = await db.tenant(req.practiceId, (tx) =>
        runIdempotently(
          tx,
          {
            practiceId: req.practiceId,
            actor: req.actor,
            key: req.idempotencyKey,
            fingerprint,
            now,
          },
          async () => ({ status: 201, body: await req.write(tx, storeFiles, now) }),
        ),
      );
      return result.body;
    } catch (error) {
      await Promise.allSettled(written.map((key) => storage.remove(key)));
      throw error;
    }
  };
}

export type Sender = ReturnType<typeof createSender>;
