import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import Fastify, { type FastifyInstance } from 'fastify';
import multipart from '@fastify/multipart';
import { registerErrorHandler } from '../../platform/http/error-handler.ts';
import { readMessageForm } from './attachment-intake.ts';
import { gpsLatitudeBytes, indexOfBytes, jpegWithMetadata, pngImage } from './image-fixtures.ts';

const MB = 1024 * 1024;
const pdfBytes = (size = 0) => {
  const head = Buffer.from('%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << >>\n');
  return Buffer.concat([
    head,
    Buffer.alloc(Math.max(0, size - head.length - 6), 0x20),
    Buffer.from('%%EOF\n'),
  ]);
};
const heicBytes = () =>
  Buffer.concat([
    Buffer.from([0, 0, 0, 24]),
    Buffer.from('ftypheic'),
    Buffer.from([0, 0, 0, 0]),
    Buffer.from('mif1heic'),
    Buffer.alloc(64),
  ]);

type Part =
  | { name: string; value: string }
  | { name: string; fileName: string; bytes: Uint8Array; type?: string };

/** A real multipart/form-data body, encoded by the platform's FormData. */
async function multipartBody(
  parts: Part[],
): Promise<{ payload: Buffer; headers: Record<string, string> }> {
  const form = new FormData();
  for (const part of parts) {
    if ('value' in part) form.append(part.name, part.value);
    else
      form.append(
        part.name,
        new Blob([part.bytes], { type: part.type ?? 'application/pdf' }),
        part.fileName,
      );
  }
  const request = new Request('http://portico.test/', { method: 'POST', body: form });
  return {
    payload: Buffer.from(await request.arrayBuffer()),
    headers: { 'content-type': request.headers.get('content-type') ?? '' },
  };
}

type Answer = {
  fields: Record<string, string>;
  files: { fileName: string; contentType: string; bytes: string }[];
};

describe('readMessageForm', () => {
  let app: FastifyInstance;

  beforeAll(async () => {
    app = Fastify({ logger: false });
    registerErrorHandler(app);
    await app.register(multipart, { limits: { fileSize: 50 * MB, files: 1, fields: 10 } });
    app.post('/form', async (request) => {
      const form = await readMessageForm(request);
      return {
        fields: form.fields,
        files: form.files.map((f) => ({ ...f, bytes: Buffer.from(f.bytes).toString('base64') })),
      };
    });
    await app.ready();
  });
  afterAll(async () => {
    await app.close();
  });

  async function post(parts: Part[]) {
    return app.inject({ method: 'POST', url: '/form', ...(await multipartBody(parts)) });
  }

  it('reads text fields and a good PDF, JPEG, PNG and HEIC; image metadata is gone', async () => {
    const jpeg = jpegWithMetadata();
    expect(indexOfBytes(jpeg, gpsLatitudeBytes)).toBeGreaterThan(0);
    const res = await post([
      { name: 'subject', value: 'Knee scan' },
      { name: 'body', value: 'Here are my results — ½ page.' },
      { name: 'files', fileName: 'MRI report.pdf', bytes: pdfBytes(2000) },
      // The client's declared type is ignored: the bytes say JPEG.
      { name: 'files', fileName: 'knee photo.jpg', bytes: jpeg, type: 'application/octet-stream' },
      { name: 'files', fileName: 'chart.png', bytes: pngImage(true), type: 'image/png' },
      { name: 'files', fileName: 'IMG_0001.HEIC', bytes: heicBytes(), type: 'image/heic' },
    ]);
    expect(res.statusCode).toBe(200);
    const body = res.json<Answer>();
    expect(body.fields).toEqual({ subject: 'Knee scan', body: 'Here are my results — ½ page.' });
    expect(body.files.map((f) => [f.fileName, f.contentType])).toEqual([
      ['MRI report.pdf', 'application/pdf'],
      ['knee photo.jpg', 'image/jpeg'],
      ['chart.png', 'image/png'],
      ['IMG_0001.HEIC', 'image/heic'],
    ]);
    const [pdf, photo, png] = body.files.map((f) => Buffer.from(f.bytes, 'base64'));
    expect(pdf?.equals(pdfBytes(2000))).toBe(true);
    expect(photo && indexOfBytes(photo, gpsLatitudeBytes)).toBe(-1);
    expect(photo?.toString('latin1')).not.toContain('Exif');
    expect(png?.toString('latin1')).not.toContain('tEXt');
  });

  it('accepts a message without files', async () => {
    const res = await post([{ name: 'body', value: 'Just text' }]);
    expect(res.statusCode).toBe(200);
    expect(res.json<Answer>().files).toEqual([]);
  });

  it('refuses 11 files (VALIDATION on files)', async () => {
    const files = Array.from({ length: 11 }, (_, i) => ({
      name: 'files',
      fileName: `page-${i}.pdf`,
      bytes: pdfBytes(300),
    }));
    const res = await post([{ name: 'body', value: 'hi' }, ...files]);
    expect(res.statusCode).toBe(400);
    expect(res.json()).toMatchObject({ code: 'VALIDATION', issues: [{ path: 'files' }] });
  });

  it('refuses a 12 MB file (PAYLOAD_TOO_LARGE)', async () => {
    const res = await post([{ name: 'files', fileName: 'big.pdf', bytes: pdfBytes(12 * MB) }]);
    expect(res.statusCode).toBe(413);
    expect(res.json()).toMatchObject({ code: 'PAYLOAD_TOO_LARGE' });
    expect(res.json<{ message: string }>().message).toMatch(/10 MB/);
  });

  it('refuses more than 25 MB in total (PAYLOAD_TOO_LARGE)', async () => {
    const files = [1, 2, 3].map((i) => ({
      name: 'files',
      fileName: `part-${i}.pdf`,
      bytes: pdfBytes(9 * MB),
    }));
    const res = await post(files);
    expect(res.statusCode).toBe(413);
    expect(res.json<{ message: string }>().message).toMatch(/25 MB/);
  });

  it.each([
    [
      'an .exe renamed .pdf',
      'invoice.pdf',
      Buffer.concat([Buffer.from('MZ\x90\x00\x03\x00\x00\x00'), Buffer.alloc(512)]),
    ],
    [
      'an SVG with a script',
      'picture.png',
      Buffer.from(
        '<svg xmlns="http://www.w3.org/2000/svg"><script>alert(document.cookie)</script></svg>',
      ),
    ],
    ['plain text', 'notes.pdf', Buffer.from('just some words, not a PDF at all')],
    ['a GIF', 'anim.gif', Buffer.from('GIF89a\x01\x00\x01\x00\x00\x00\x00;', 'latin1')],
    ['a damaged JPEG', 'broken.jpg', Buffer.from([0xff, 0xd8, 0xff, 0xe1, 0x40, 0x00, 1, 2, 3])],
  ])('refuses %s (UNSUPPORTED_MEDIA_TYPE)', async (_what, fileName, bytes) => {
    const res = await post([{ name: 'files', fileName, bytes }]);
    expect(res.statusCode).toBe(415);
    expect(res.json()).toMatchObject({ code: 'UNSUPPORTED_MEDIA_TYPE' });
  });

  it.each(['../../etc/passwd.pdf', 'C:\\Users\\me\\scan.pdf', '.hidden.pdf'])(
    'refuses the file name %j (VALIDATION)',
    async (fileName) => {
      const res = await post([{ name: 'files', fileName, bytes: pdfBytes(300) }]);
      expect(res.statusCode).toBe(400);
      expect(res.json()).toMatchObject({ code: 'VALIDATION', issues: [{ path: 'files' }] });
    },
  );

  it('refuses an empty file, a file in another field, a repeated field and an overlong field', async () => {
    const answers = await Promise.all([
      post([{ name: 'files', fileName: 'empty.pdf', bytes: new Uint8Array(0) }]),
      post([{ name: 'attachment', fileName: 'scan.pdf', bytes: pdfBytes(300) }]),
      post([
        { name: 'body', value: 'one' },
        { name: 'body', value: 'two' },
      ]),
      post([{ name: 'body', value: 'x'.repeat(20_001) }]),
    ]);
    expect(answers.map((a) => [a.statusCode, a.json<{ code: string }>().code])).toEqual([
      [400, 'VALIDATION'],
      [400, 'VALIDATION'],
      [400, 'VALIDATION'],
      [400, 'VALIDATION'],
    ]);
    const ok = await post([{ name: 'body', value: '✓'.repeat(20_000) }]);
    expect(ok.statusCode).toBe(200);
  });

  it('refuses a JSON body (UNSUPPORTED_MEDIA_TYPE)', async () => {
    const res = await app.inject({ method: 'POST', url: '/form', payload: { body: 'hello' } });
    expect(res.statusCode).toBe(415);
    expect(res.json()).toMatchObject({ code: 'UNSUPPORTED_MEDIA_TYPE' });
  });
});
