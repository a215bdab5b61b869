import { describe, expect, it } from 'vitest';
import { attachmentLimits } from '@portico/contracts';
import { allowedContentType, attachmentSetProblem, fileNameProblem } from './attachment-rules.ts';

const MB = 1024 * 1024;

describe('fileNameProblem', () => {
  it.each(['scan.pdf', 'X-ray 2026-03-01.JPG', 'résumé (final).png', 'a', 'notes.v2.heic'])(
    'accepts %j',
    (name) => {
      expect(fileNameProblem(name)).toBeNull();
    },
  );

  it.each([
    ['', /name/i],
    ['   ', /name/i],
    ['a'.repeat(201), /200/],
    ['../../etc/passwd.pdf', /\//],
    ['dir/file.pdf', /\//],
    ['dir\\file.pdf', /\\/],
    ['report..pdf', /\.\./],
    ['..', /\.\./],
    ['.htaccess', /dot/i],
    ['bad\u0000name.pdf', /control/i],
    ['line\nbreak.pdf', /control/i],
    ['del\u007f.pdf', /control/i],
  ])('refuses %j', (name, message) => {
    const problem = fileNameProblem(name);
    expect(problem).not.toBeNull();
    expect(problem).toMatch(message);
  });

  it('accepts exactly 200 characters', () => {
    expect(fileNameProblem(`${'a'.repeat(196)}.pdf`)).toBeNull();
  });
});

describe('allowedContentType', () => {
  it.each(attachmentLimits.mimeTypes)('allows %s', (mime) => {
    expect(allowedContentType(mime)).toBe(true);
  });

  it.each([
    undefined,
    '',
    'image/svg+xml',
    'text/plain',
    'text/html',
    'application/x-msdownload',
    'application/zip',
    'image/gif',
    'APPLICATION/PDF',
  ])('refuses %j', (mime) => {
    expect(allowedContentType(mime)).toBe(false);
  });
});

describe('attachmentSetProblem', () => {
  it('accepts no files, and up to the limits', () => {
    expect(attachmentSetProblem([])).toBeNull();
    expect(attachmentSetProblem([1])).toBeNull();
    expect(attachmentSetProblem(Array.from({ length: 10 }, () => 1000))).toBeNull();
    expect(attachmentSetProblem([10 * MB, 10 * MB, 5 * MB])).toBeNull();
  });

  it('refuses more than 10 files as VALIDATION', () => {
    const problem = attachmentSetProblem(Array.from({ length: 11 }, () => 1000));
    expect(problem?.code).toBe('VALIDATION');
    expect(problem?.message).toMatch(/10/);
  });

  it('refuses an empty file as VALIDATION', () => {
    expect(attachmentSetProblem([100, 0])?.code).toBe('VALIDATION');
    expect(attachmentSetProblem([0])?.message).toMatch(/empty/i);
  });

  it('refuses a file over 10 MB as PAYLOAD_TOO_LARGE', () => {
    const problem = attachmentSetProblem([10 * MB + 1]);
    expect(problem?.code).toBe('PAYLOAD_TOO_LARGE');
    expect(problem?.message).toMatch(/10 MB/);
  });

  it('refuses more than 25 MB in total as PAYLOAD_TOO_LARGE', () => {
    const problem = attachmentSetProblem([10 * MB, 10 * MB, 5 * MB + 1]);
    expect(problem?.code).toBe('PAYLOAD_TOO_LARGE');
    expect(problem?.message).toMatch(/25 MB/);
  });
});
