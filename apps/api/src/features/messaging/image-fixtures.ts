import zlib from 'node:zlib';

/**
 * Small, real image files for tests, built from bytes. Not used by the application.
 */

/** A 16×16 baseline JFIF JPEG (CPython's imghdr test image, test/imghdrdata/python.jpg). */
export const plainJpeg = (): Uint8Array =>
  new Uint8Array(
    Buffer.from(
      '/9j/4AAQSkZJRgABAQEAAQABAAD/2wBDAAMCAgICAgMCAgIDAwMDBAYEBAQEBAgGBgUGCQgKCgkICQkKDA8MCgsOCwkJDRENDg8QEBEQCgwSExIQEw8QEBD/2wBDAQMDAwQDBAgEBAgQCwkLEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBD/wAARCAAQABADASIAAhEBAxEB/8QAFgABAQEAAAAAAAAAAAAAAAAABwQF/8QAJBAAAQQBBAICAwAAAAAAAAAAAQIDBAYFBwgSExEiABQJMTL/xAAVAQEBAAAAAAAAAAAAAAAAAAAABv/EACMRAAECBQMFAAAAAAAAAAAAAAECEQMEBQYhABIxFRZhgeH/2gAMAwEAAhEDEQA/ABSm0mobc8HmExLUlRzzEWPkJWW+ulrsaUVAseUgslSlH9LKuPryIKuWPZdskzXmm3fX5m2nF4GlVxx/HOpx4ks51+MiU/Iaad7UcUo4tILoS4kqcWkezS0hO/HvuRp0rO6hWnWO1UisZVuFi4GFeyEpmGepa5S5SWVPuciFKRFLgSrwetnyPIB+Vb4N9mKhQMzo5po9XLdDs9d6ZVix2VEhiL9kuNPxw2gEKcDQ/rs8AuA8VAe0vdl7VOYn+27flGAUgmITjbhSmCg3BYlyeWDkMolvw4KOp1KM6iCNvngZHwetf//Z',
      'base64',
    ),
  );

/** Bytes a test looks for: a GPS latitude of 37° 46' 29.64" as TIFF rationals, and a label. */
export const gpsLatitudeBytes = Uint8Array.of(0, 0, 0, 37, 0, 0, 0, 1, 0, 0, 0, 46, 0, 0, 0, 1);
export const secretText = 'HOME-ADDRESS-42-ELM';

const u16 = (n: number) => Uint8Array.of(n >> 8, n & 0xff);
const u32 = (n: number) => Uint8Array.of(n >>> 24, (n >> 16) & 0xff, (n >> 8) & 0xff, n & 0xff);
const ascii = (text: string) => new Uint8Array(Buffer.from(text, 'latin1'));
const join = (...parts: Uint8Array[]) => new Uint8Array(Buffer.concat(parts));

/** A big-endian TIFF block with IFD0 pointing at a GPS IFD (GPSLatitudeRef N, GPSLatitude). */
export function exifTiff(): Uint8Array {
  const entry = (tag: number, type: number, count: number, value: Uint8Array) =>
    join(u16(tag), u16(type), u32(count), value);
  // Offsets from the TIFF header: IFD0 at 8 (1 entry: 18 bytes), GPS IFD at 26 (2 entries: 30
  // bytes), latitude rationals at 56.
  const ifd0 = join(u16(1), entry(0x8825, 4, 1, u32(26)), u32(0));
  const gpsIfd = join(
    u16(2),
    entry(0x0001, 2, 2, join(ascii('N'), Uint8Array.of(0, 0, 0))),
    entry(0x0002, 5, 3, u32(56)),
    u32(0),
  );
  const latitude = join(gpsLatitudeBytes, u32(296_400), u32(10_000));
  return join(ascii('MM'), u16(42), u32(8), ifd0, gpsIfd, latitude);
}

const jpegSegment = (marker: number, data: Uint8Array) =>
  join(Uint8Array.of(0xff, marker), u16(data.length + 2), data);

/**
 * The plain JPEG with what phones and editors add: Exif with GPS (APP1), XMP (APP1), an ICC
 * profile (APP2), Photoshop IPTC (APP13), a comment (COM), and a second picture after the end.
 */
export function jpegWithMetadata(): Uint8Array {
  const plain = plainJpeg();
  const jfifEnd = 2 + 2 + 16; // SOI + APP0 JFIF (length 16)
  return join(
    plain.subarray(0, jfifEnd),
    jpegSegment(0xe1, join(ascii('Exif\0\0'), exifTiff())),
    jpegSegment(0xe1, ascii(`http://ns.adobe.com/xap/1.0/\0<x:xmpmeta>${secretText}</x:xmpmeta>`)),
    jpegSegment(0xe2, ascii('ICC_PROFILE\0\x01\x01profile')),
    jpegSegment(0xed, ascii(`Photoshop 3.0\0${secretText}`)),
    jpegSegment(0xfe, ascii(`comment ${secretText}`)),
    plain.subarray(jfifEnd),
    jpegSegment(0xe1, join(ascii('Exif\0\0'), exifTiff())), // "second picture" after EOI
  );
}

function pngChunk(type: string, data: Uint8Array): Uint8Array {
  const typed = join(ascii(type), data);
  return join(u32(data.length), typed, u32(zlib.crc32(typed)));
}

/** Raw scanlines of a 2×2 RGB image (filter byte 0 then pixels). */
export const pngScanlines = Uint8Array.of(0, 255, 0, 0, 0, 255, 0, 0, 0, 0, 255, 255, 255, 255);

/** A 2×2 RGB PNG; with metadata it also carries eXIf, tEXt, zTXt, iTXt and tIME chunks. */
export function pngImage(withMetadata: boolean): Uint8Array {
  const ihdr = join(u32(2), u32(2), Uint8Array.of(8, 2, 0, 0, 0));
  const metadata = withMetadata
    ? [
        pngChunk('eXIf', exifTiff()),
        pngChunk('tEXt', ascii(`Comment\0${secretText}`)),
        pngChunk('zTXt', join(ascii('Comment\0\0'), zlib.deflateSync(ascii(secretText)))),
        pngChunk('iTXt', ascii(`Description\0\0\0en\0\0${secretText}`)),
        pngChunk('tIME', Uint8Array.of(0x07, 0xea, 11, 22, 1, 2, 3)),
      ]
    : [];
  return join(
    Uint8Array.of(0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a),
    pngChunk('IHDR', ihdr),
    ...metadata,
    pngChunk('IDAT', zlib.deflateSync(pngScanlines)),
    pngChunk('IEND', new Uint8Array(0)),
  );
}

/** Where `needle` first occurs in `haystack`, or -1. */
export const indexOfBytes = (haystack: Uint8Array, needle: Uint8Array) =>
  Buffer.from(haystack).indexOf(Buffer.from(needle));
