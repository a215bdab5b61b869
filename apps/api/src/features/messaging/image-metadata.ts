import zlib from 'node:zlib';
import { AppError } from '../../platform/errors.ts';

/**
 * Removes metadata that can identify where and on what a photo was taken (Exif with GPS, XMP,
 * comments, text chunks) before an attachment is stored. JPEG and PNG are rewritten segment by
 * segment — the image data itself is copied untouched; other types are returned unchanged. A file
 * that does not parse as the type it was detected as is refused (UNSUPPORTED_MEDIA_TYPE).
 */
export function stripImageMetadata(bytes: Uint8Array, mime: string): Uint8Array {
  if (mime === 'image/jpeg') return stripJpeg(bytes);
  if (mime === 'image/png') return stripPng(bytes);
  return bytes;
}

const malformed = (what: string) =>
  new AppError('UNSUPPORTED_MEDIA_TYPE', `The ${what} image is damaged and cannot be attached.`);

const startsWith = (bytes: Uint8Array, at: number, text: string) =>
  Buffer.from(bytes.subarray(at, at + text.length)).toString('latin1') === text;

/** APP0 JFIF and APP14 Adobe (colour transform) are kept; other APPn and COM segments go. */
function keepJpegSegment(marker: number, bytes: Uint8Array, dataAt: number): boolean {
  if (marker === 0xe0) return startsWith(bytes, dataAt, 'JFIF\0');
  if (marker === 0xee) return startsWith(bytes, dataAt, 'Adobe');
  return !(marker >= 0xe1 && marker <= 0xef) && marker !== 0xfe;
}

/** Index just past the entropy-coded data that starts at `at`: the next real marker's 0xFF. */
function endOfEntropyData(bytes: Uint8Array, at: number): number {
  let i = at;
  while (i < bytes.length - 1) {
    const next = bytes[i + 1] ?? 0;
    if (bytes[i] === 0xff && next !== 0x00 && next !== 0xff && !(next >= 0xd0 && next <= 0xd7)) {
      return i;
    }
    i++;
  }
  return bytes.length;
}

function stripJpeg(bytes: Uint8Array): Uint8Array {
  if (bytes[0] !== 0xff || bytes[1] !== 0xd8) throw malformed('JPEG');
  const kept: Uint8Array[] = [bytes.subarray(0, 2)];
  let sawScan = false;
  let i = 2;
  while (i < bytes.length) {
    if (bytes[i] !== 0xff) throw malformed('JPEG');
    while (bytes[i + 1] === 0xff) i++; // fill bytes
    const marker = bytes[i + 1];
    if (marker === undefined) throw malformed('JPEG');
    if (marker === 0xd9) {
      if (!sawScan) throw malformed('JPEG');
      kept.push(Uint8Array.of(0xff, 0xd9)); // anything after the image (extra pictures) goes
      return concat(kept);
    }
    if (marker === 0x01 || (marker >= 0xd0 && marker <= 0xd7)) {
      kept.push(bytes.subarray(i, i + 2));
      i += 2;
      continue;
    }
    const length = ((bytes[i + 2] ?? 0) << 8) | (bytes[i + 3] ?? 0);
    const end = i + 2 + length;
    if (length < 2 || end > bytes.length) throw malformed('JPEG');
    if (marker === 0xda) {
      sawScan = true;
      const scanEnd = endOfEntropyData(bytes, end);
      kept.push(bytes.subarray(i, scanEnd));
      i = scanEnd;
      continue;
    }
    if (keepJpegSegment(marker, bytes, i + 4)) kept.push(bytes.subarray(i, end));
    i = end;
  }
  // A file cut short after its image data (no end marker) still shows; keep it as it was.
  if (!sawScan) throw malformed('JPEG');
  return concat(kept);
}

const pngSignature = Uint8Array.of(0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a);
const droppedPngChunks = new Set(['eXIf', 'tEXt', 'zTXt', 'iTXt', 'tIME']);

function stripPng(bytes: Uint8Array): Uint8Array {
  if (bytes.length < 8 || pngSignature.some((b, k) => bytes[k] !== b)) throw malformed('PNG');
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const kept: Uint8Array[] = [bytes.subarray(0, 8)];
  let i = 8;
  let first = true;
  while (i + 12 <= bytes.length) {
    const length = view.getUint32(i);
    const end = i + 12 + length;
    if (end > bytes.length) throw malformed('PNG');
    const type = Buffer.from(bytes.subarray(i + 4, i + 8)).toString('latin1');
    if (first && type !== 'IHDR') throw malformed('PNG');
    first = false;
    if (zlib.crc32(bytes.subarray(i + 4, end - 4)) !== view.getUint32(end - 4)) {
      throw malformed('PNG');
    }
    if (!droppedPngChunks.has(type)) kept.push(bytes.subarray(i, end));
    if (type === 'IEND') return concat(kept); // anything after the image goes
    i = end;
  }
  throw malformed('PNG');
}

function concat(parts: Uint8Array[]): Uint8Array {
  return new Uint8Array(Buffer.concat(parts));
}
