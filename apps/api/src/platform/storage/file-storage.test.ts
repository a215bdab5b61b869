import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { Readable } from 'node:stream';
import {
  localDiskStorage,
  newStorageKey,
  noMalwareScan,
  type FileStorage,
} from './file-storage.ts';

const practiceId = '0b8f7c1e-3a7d-4c55-9d2a-6f1e2b3c4d5e';

async function readAll(stream: Readable): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(Buffer.from(chunk as Uint8Array));
  return Buffer.concat(chunks);
}

describe('localDiskStorage', () => {
  let root: string;
  let storage: FileStorage;

  beforeEach(async () => {
    root = await fs.mkdtemp(path.join(os.tmpdir(), 'portico-storage-'));
    storage = localDiskStorage(root);
  });
  afterEach(async () => {
    await fs.rm(root, { recursive: true, force: true });
  });

  it('stores, reads back and removes bytes', async () => {
    const key = newStorageKey(practiceId);
    const bytes = new Uint8Array([1, 2, 3, 250]);
    await storage.put(key, bytes);
    expect([...(await readAll(await storage.open(key)))]).toEqual([1, 2, 3, 250]);
    await storage.remove(key);
    await expect(storage.open(key)).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expect(storage.remove(key)).resolves.toBeUndefined();
  });

  it('writes files readable by the owner only and leaves no temporary file', async () => {
    const key = newStorageKey(practiceId);
    await storage.put(key, new Uint8Array([7]));
    const stat = await fs.stat(path.join(root, key));
    expect(stat.mode & 0o777).toBe(0o600);
    expect(await fs.readdir(path.dirname(path.join(root, key)))).toEqual([path.basename(key)]);
  });

  it('refuses to overwrite an existing key', async () => {
    const key = newStorageKey(practiceId);
    await storage.put(key, new Uint8Array([1]));
    await expect(storage.put(key, new Uint8Array([2]))).rejects.toMatchObject({
      code: 'CONFLICT',
    });
    expect([...(await readAll(await storage.open(key)))]).toEqual([1]);
    expect(await fs.readdir(path.dirname(path.join(root, key)))).toHaveLength(1);
  });

  it.each([
    '../escape',
    'a/../../escape',
    '/etc/passwd',
    'Upper/case',
    'report.pdf',
    '',
    'a//b',
    'a/',
    '-leading',
    'a'.repeat(202),
  ])('refuses the key %j', async (key) => {
    await expect(storage.put(key, new Uint8Array([1]))).rejects.toMatchObject({
      code: 'INTERNAL',
    });
    await expect(storage.open(key)).rejects.toMatchObject({ code: 'INTERNAL' });
  });
});

describe('newStorageKey', () => {
  it('is the practice, the year and a random UUID', () => {
    const key = newStorageKey(practiceId, new Date('2026-11-22T01:00:00Z'));
    expect(key).toMatch(new RegExp(`^${practiceId}/2026/[0-9a-f-]{36}$`));
    expect(newStorageKey(practiceId)).not.toBe(newStorageKey(practiceId));
  });
});

describe('noMalwareScan', () => {
  it('calls everything clean', async () => {
    expect(await noMalwareScan.scan(new Uint8Array([0x4d, 0x5a]), 'application/pdf')).toBe('clean');
  });
});
