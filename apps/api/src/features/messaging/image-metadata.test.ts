import { describe, expect, it } from 'vitest';
import zlib from 'node:zlib';
import { stripImageMetadata } from './image-metadata.ts';
import {
  gpsLatitudeBytes,
  indexOfBytes,
  jpegWithMetadata,
  plainJpeg,
  pngImage,
  pngScanlines,
  secretText,
} from './image-fixtures.ts';

const latin1 = (bytes: Uint8Array) => Buffer.from(bytes).toString('latin1');

/** The JPEG's markers in order, walking segments up to the first scan. */
function jpegMarkersBeforeScan(bytes: Uint8Array): number[] {
  const markers: number[] = [];
  let i = 2;
  for (;;) {
    const marker = bytes[i + 1] ?? 0;
    markers.push(marker);
    if (marker === 0xda) return markers;
    i += 2 + (((bytes[i + 2] ?? 0) << 8) | (bytes[i + 3] ?? 0));
  }
}

function pngChunkTypes(bytes: Uint8Array): string[] {
  const types: string[] = [];
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  for (let i = 8; i < bytes.length; i += 12 + view.getUint32(i)) {
    types.push(latin1(bytes.subarray(i + 4, i + 8)));
  }
  return types;
}

describe('stripImageMetadata: JPEG', () => {
  it('drops Exif (with GPS), XMP, ICC, IPTC, comments and data after the image', () => {
    const original = jpegWithMetadata();
    expect(indexOfBytes(original, gpsLatitudeBytes)).toBeGreaterThan(0);
    const stripped = stripImageMetadata(original, 'image/jpeg');
    expect(indexOfBytes(stripped, gpsLatitudeBytes)).toBe(-1);
    expect(latin1(stripped)).not.toContain('Exif');
    expect(latin1(stripped)).not.toContain(secretText);
    expect(latin1(stripped)).not.toContain('ICC_PROFILE');
  });

  it('gives back exactly the plain image: JFIF, tables, frame and scan untouched', () => {
    const stripped = stripImageMetadata(jpegWithMetadata(), 'image/jpeg');
    expect(Buffer.from(stripped).equals(Buffer.from(plainJpeg()))).toBe(true);
    expect(jpegMarkersBeforeScan(stripped)).toEqual([
      0xe0, 0xdb, 0xdb, 0xc0, 0xc4, 0xc4, 0xc4, 0xc4, 0xda,
    ]);
  });

  it('leaves a JPEG without metadata byte-for-byte as it was', () => {
    const plain = plainJpeg();
    expect(Buffer.from(stripImageMetadata(plain, 'image/jpeg')).equals(Buffer.from(plain))).toBe(
      true,
    );
  });

  it('keeps an APP14 Adobe segment (colour transform)', () => {
    const plain = plainJpeg();
    const adobe = Uint8Array.of(0xff, 0xee, 0, 14, ...Buffer.from('Adobe'), 0, 100, 0, 0, 0, 0, 1);
    const withAdobe = new Uint8Array(
      Buffer.concat([plain.subarray(0, 20), adobe, plain.subarray(20)]),
    );
    expect(jpegMarkersBeforeScan(stripImageMetadata(withAdobe, 'image/jpeg'))).toContain(0xee);
  });

  it.each([
    ['not a JPEG at all', Uint8Array.from(Buffer.from('hello world'))],
    ['only the start marker', Uint8Array.of(0xff, 0xd8)],
    ['a segment longer than the file', Uint8Array.of(0xff, 0xd8, 0xff, 0xe1, 0x40, 0x00, 1, 2)],
    ['an end marker before any image data', Uint8Array.of(0xff, 0xd8, 0xff, 0xd9)],
    ['garbage between segments', Uint8Array.of(0xff, 0xd8, 0x00, 0x01, 0x02)],
    ['cut off in its tables', plainJpeg().subarray(0, 100)],
  ])('refuses a malformed JPEG: %s', (_name, bytes) => {
    expect(() => stripImageMetadata(bytes, 'image/jpeg')).toThrow(
      expect.objectContaining({ code: 'UNSUPPORTED_MEDIA_TYPE' }),
    );
  });
});

describe('stripImageMetadata: PNG', () => {
  it('drops eXIf, tEXt, zTXt, iTXt and tIME and keeps the image chunks', () => {
    const original = pngImage(true);
    const stripped = stripImageMetadata(original, 'image/png');
    expect(pngChunkTypes(stripped)).toEqual(['IHDR', 'IDAT', 'IEND']);
    expect(indexOfBytes(stripped, gpsLatitudeBytes)).toBe(-1);
    expect(latin1(stripped)).not.toContain(secretText);
    expect(Buffer.from(stripped).equals(Buffer.from(pngImage(false)))).toBe(true);
  });

  it('keeps the pixels: the image data still inflates to the same scanlines', () => {
    const stripped = stripImageMetadata(pngImage(true), 'image/png');
    const view = new DataView(stripped.buffer, stripped.byteOffset, stripped.byteLength);
    const idatAt = 8 + 12 + 13; // signature + IHDR chunk
    const idat = stripped.subarray(idatAt + 8, idatAt + 8 + view.getUint32(idatAt));
    expect([...zlib.inflateSync(idat)]).toEqual([...pngScanlines]);
  });

  it.each([
    ['a bad signature', Uint8Array.from(Buffer.from('not a png file at all'))],
    ['a chunk cut short', pngImage(false).subarray(0, 40)],
    ['no end chunk', pngImage(false).subarray(0, pngImage(false).length - 12)],
    [
      'a wrong checksum',
      (() => {
        const bytes = pngImage(false);
        bytes[20] = (bytes[20] ?? 0) ^ 0xff;
        return bytes;
      })(),
    ],
  ])('refuses a malformed PNG: %s', (_name, bytes) => {
    expect(() => stripImageMetadata(bytes, 'image/png')).toThrow(
      expect.objectContaining({ code: 'UNSUPPORTED_MEDIA_TYPE' }),
    );
  });
});

describe('stripImageMetadata: other types', () => {
  it('returns PDFs and HEIC unchanged', () => {
    const pdf = Uint8Array.from(Buffer.from('%PDF-1.4\n%%EOF\n'));
    expect(stripImageMetadata(pdf, 'application/pdf')).toBe(pdf);
    const heic = Uint8Array.of(0, 0, 0, 24, ...Buffer.from('ftypheic'));
    expect(stripImageMetadata(heic, 'image/heic')).toBe(heic);
  });
});
