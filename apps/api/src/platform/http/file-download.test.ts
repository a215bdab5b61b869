import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import Fastify, { type FastifyInstance } from 'fastify';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { localDiskStorage, newStorageKey } from '../storage/file-storage.ts';
import { registerErrorHandler } from './error-handler.ts';
import { contentDisposition, sendStoredFile } from './file-download.ts';

describe('contentDisposition', () => {
  it('always says attachment, with an ASCII fallback and the UTF-8 name', () => {
    expect(contentDisposition('scan.pdf')).toBe(
      `attachment; filename="scan.pdf"; filename*=UTF-8''scan.pdf`,
    );
    expect(contentDisposition('Résumé "final" (1).pdf')).toBe(
      `attachment; filename="Resume _final_ (1).pdf"; filename*=UTF-8''R%C3%A9sum%C3%A9%20%22final%22%20%281%29.pdf`,
    );
    expect(contentDisposition('検査結果.pdf')).toBe(
      `attachment; filename="attachment.pdf"; filename*=UTF-8''%E6%A4%9C%E6%9F%BB%E7%B5%90%E6%9E%9C.pdf`,
    );
    expect(contentDisposition('検査')).toMatch(/^attachment; filename="attachment"; /);
    expect(contentDisposition('100% done.pdf')).toMatch(/^attachment; filename="100_ done.pdf"; /);
  });
});

describe('sendStoredFile', () => {
  let app: FastifyInstance;
  let root: string;
  const key = newStorageKey('0b8f7c1e-3a7d-4c55-9d2a-6f1e2b3c4d5e');
  const bytes = Buffer.from('%PDF-1.4\n%%EOF\n');

  beforeAll(async () => {
    root = await fs.mkdtemp(path.join(os.tmpdir(), 'portico-download-'));
    const storage = localDiskStorage(root);
    await storage.put(key, bytes);
    app = Fastify({ logger: false });
    registerErrorHandler(app);
    app.get<{ Params: { key: string } }>('/file/:key', (request, reply) =>
      sendStoredFile(reply, storage, {
        storageKey: request.params.key === 'missing' ? `${key}0` : key,
        fileName: 'Lab results ½.pdf',
        contentType: 'application/pdf',
        sizeBytes: bytes.length,
      }),
    );
    await app.ready();
  });
  afterAll(async () => {
    await app.close();
    await fs.rm(root, { recursive: true, force: true });
  });

  it('streams the file as a download that is never sniffed, cached or run', async () => {
    const res = await app.inject({ method: 'GET', url: '/file/x' });
    expect(res.statusCode).toBe(200);
    expect(res.rawPayload.equals(bytes)).toBe(true);
    expect(res.headers).toMatchObject({
      'content-type': 'application/pdf',
      'content-disposition': `attachment; filename="Lab results 1_2.pdf"; filename*=UTF-8''Lab%20results%20%C2%BD.pdf`,
      'x-content-type-options': 'nosniff',
      'cache-control': 'no-store',
      'content-security-policy': "sandbox; default-src 'none'",
      'content-length': String(bytes.length),
    });
  });

  it('answers NOT_FOUND when the bytes are gone', async () => {
    const res = await app.inject({ method: 'GET', url: '/file/missing' });
    expect(res.statusCode).toBe(404);
  });
});
