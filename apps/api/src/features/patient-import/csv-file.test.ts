import { describe, expect, it } from 'vitest';
import { AppError } from '../../platform/errors.ts';
import { decodeCsv, readCsv } from './csv-file.ts';

const refusal = async (fn: () => unknown) => {
  try {
    await fn();
  } catch (error) {
    return error instanceof AppError ? { code: error.code, message: error.message } : error;
  }
  return null;
};

describe('decodeCsv', () => {
  it('reads UTF-8 without its byte-order mark', () => {
    expect(decodeCsv(Buffer.from('\ufeffFirst,Last\nJosé,Núñez\n', 'utf8'))).toBe(
      'First,Last\nJosé,Núñez\n',
    );
  });

  it('falls back to Windows-1252 for older exports', () => {
    expect(decodeCsv(Buffer.from([0x4a, 0x6f, 0x73, 0xe9]))).toBe('José');
  });

  it('refuses binary content such as a spreadsheet or a PDF (415)', async () => {
    const xlsx = Buffer.from([0x50, 0x4b, 0x03, 0x04, 0x14, 0x00, 0x06, 0x00]);
    expect(await refusal(() => decodeCsv(xlsx))).toMatchObject({
      code: 'UNSUPPORTED_MEDIA_TYPE',
      message: expect.stringMatching(/CSV/) as unknown,
    });
  });
});

describe('readCsv', () => {
  it('handles quoted fields, CRLF, blank and trailing empty lines, numbering rows as a spreadsheet does', async () => {
    const text =
      'First,Last,Note\r\nJane,"Doe, Jr.","two\r\nlines"\r\n\r\n,,\r\n"Sam ""The Man""",Lee,\r\n\r\n\r\n';
    const { header, records } = await readCsv(text);
    expect(header).toEqual(['First', 'Last', 'Note']);
    expect(records).toEqual([
      { row: 2, values: ['Jane', 'Doe, Jr.', 'two\r\nlines'] },
      { row: 5, values: ['Sam "The Man"', 'Lee', ''] },
    ]);
  });

  it('reads semicolon- and tab-separated files', async () => {
    expect((await readCsv('a;b\n1;2\n')).records).toEqual([{ row: 2, values: ['1', '2'] }]);
    expect((await readCsv('a\tb\n1\t2\n')).records).toEqual([{ row: 2, values: ['1', '2'] }]);
  });

  it('refuses an empty file, a file without rows, and a broken quote with clear messages', async () => {
    expect(await refusal(() => readCsv('  \n'))).toMatchObject({
      code: 'VALIDATION',
      message: 'The file is empty.',
    });
    expect(await refusal(() => readCsv('First,Last\n'))).toMatchObject({
      code: 'VALIDATION',
      message: expect.stringMatching(/no patient rows/) as unknown,
    });
    expect(await refusal(() => readCsv('First,Last\n"Jane,Doe\n'))).toMatchObject({
      code: 'VALIDATION',
      message: expect.stringMatching(/could not be read as CSV/) as unknown,
    });
  });

  it('refuses more rows than one import takes', async () => {
    const text = `a\n${'x\n'.repeat(11)}`;
    expect(await refusal(() => readCsv(text, { maxRows: 10 }))).toMatchObject({
      code: 'VALIDATION',
      message: expect.stringMatching(/more than 10 rows/) as unknown,
    });
  });
});
