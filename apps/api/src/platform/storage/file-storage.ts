import { randomUUID } from 'node:crypto';
import { constants as fsConstants } from 'node:fs';
import fs from 'node:fs/promises';
import path from 'node:path';
import type { Readable } from 'node:stream';
import { AppError, notFound } from '../errors.ts';

/** Where attachment bytes live. Keys are ours (see `newStorageKey`), never a user's file name. */
export interface FileStorage {
  /** Stores bytes under a key we generated (never a user's name); fails if the key exists. */
  put(key: string, bytes: Uint8Array): Promise<void>;
  /** A stream of the stored bytes; NOT_FOUND when there is none. */
  open(key: string): Promise<Readable>;
  /** Removes the bytes; removing a missing key is not an error. */
  remove(key: string): Promise<void>;
}

/** A hook for a malware scanner, called on every attachment before it is stored. */
export interface MalwareScanner {
  scan(bytes: Uint8Array, contentType: string): Promise<'clean' | 'infected'>;
}

/** The default hook: no scanner is configured, so everything is clean. */
export const noMalwareScan: MalwareScanner = {
  scan: () => Promise.resolve('clean'),
};

const keyPattern = /^[a-z0-9][a-z0-9/_-]{0,200}$/;

function checkedKey(key: string): string {
  if (!keyPattern.test(key) || key.includes('..') || key.includes('//') || key.endsWith('/')) {
    throw new AppError('INTERNAL', 'Refused a malformed storage key.');
  }
  return key;
}

function isErrnoCode(error: unknown, code: string): boolean {
  return error instanceof Error && 'code' in error && error.code === code;
}

async function fsyncDirectory(dir: string): Promise<void> {
  const handle = await fs.open(dir, fsConstants.O_RDONLY);
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}

/**
 * Files on local disk under `rootDir`, one per key. A put writes a temporary file (mode 0600),
 * fsyncs it, then hard-links it into place — atomic, and failing when the key already exists —
 * and fsyncs the directory. Readers never see a half-written file.
 */
export function localDiskStorage(rootDir: string): FileStorage {
  const root = path.resolve(rootDir);
  const pathOf = (key: string) => {
    const full = path.resolve(root, checkedKey(key));
    if (!full.startsWith(root + path.sep)) {
      throw new AppError('INTERNAL', 'Refused a storage key outside the storage directory.');
    }
    return full;
  };

  return {
    async put(key, bytes) {
      const target = pathOf(key);
      const dir = path.dirname(target);
      await fs.mkdir(dir, { recursive: true, mode: 0o700 });
      // Keys cannot contain a dot, so a temporary name never collides with a key.
      const temporary = `${target}.tmp-${randomUUID()}`;
      const handle = await fs.open(temporary, 'wx', 0o600);
      try {
        await handle.writeFile(bytes);
        await handle.sync();
      } finally {
        await handle.close();
      }
      try {
        await fs.link(temporary, target);
      } catch (error) {
        if (isErrnoCode(error, 'EEXIST')) {
          throw new AppError('CONFLICT', 'A stored file with this key already exists.');
        }
        throw error;
      } finally {
        await fs.rm(temporary, { force: true });
      }
      await fsyncDirectory(dir);
    },

    async open(key) {
      try {
        const handle = await fs.open(pathOf(key), 'r');
        return handle.createReadStream();
      } catch (error) {
        if (isErrnoCode(error, 'ENOENT')) throw notFound('The file');
        throw error;
      }
    },

    async remove(key) {
      await fs.rm(pathOf(key), { force: true });
    },
  };
}

/** A fresh storage key for a practice's file: `<practiceId>/<year>/<random UUID>`. */
export function newStorageKey(practiceId: string, now: Date = new Date()): string {
  return checkedKey(`${practiceId.toLowerCase()}/${now.getUTCFullYear()}/${randomUUID()}`);
}
