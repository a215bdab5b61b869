import { Readable } from 'node:stream';
import { CsvError, parse } from 'csv-parse';
import { AppError, validation } from '../../platform/errors.ts';
import { detectDelimiter } from './rules.ts';

export const maxCsvBytes = 10 * 1024 * 1024;
export const maxCsvRows = 50_000;

const notCsv = () =>
  new AppError(
    'UNSUPPORTED_MEDIA_TYPE',
    'This file does not look like a CSV file. Export the patient list as CSV (comma-separated values) and try again.',
  );

/** The text of an uploaded CSV: UTF-8 (byte-order mark removed), else Windows-1252; binary files refused. */
export function decodeCsv(bytes: Uint8Array): string {
  if (bytes.includes(0)) throw notCsv();
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    text = new TextDecoder('windows-1252').decode(bytes);
  }
  if (hasBinaryControls(text.slice(0, 65_536))) throw notCsv();
  return text.startsWith('\ufeff') ? text.slice(1) : text;
}

/** Control characters other than tab, line feed, form feed and carriage return never occur in a patient list. */
function hasBinaryControls(text: string): boolean {
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 0x20 && c !== 0x09 && c !== 0x0a && c !== 0x0c && c !== 0x0d) return true;
  }
  return false;
}

export interface CsvRecord {
  /** The row number a spreadsheet shows for this record (the header is row 1). */
  row: number;
  values: string[];
}

const chunkChars = 64 * 1024;

function* chunks(text: string): Generator<string> {
  for (let i = 0; i < text.length; i += chunkChars) yield text.slice(i, i + chunkChars);
}

/** Parses CSV text as a stream (the event loop keeps serving other requests); blank records are skipped. */
export async function readCsv(
  text: string,
  limits: { maxRows?: number } = {},
): Promise<{ header: string[]; records: CsvRecord[] }> {
  const maxRows = limits.maxRows ?? maxCsvRows;
  if (text.trim() === '') throw validation('The file is empty.');
  const firstLine = text.slice(0, text.search(/\r?\n|$/));
  const parser = Readable.from(chunks(text)).pipe(
    parse({ delimiter: detectDelimiter(firstLine), relax_column_count: true }),
  );
  let header: string[] | null = null;
  const records: CsvRecord[] = [];
  let index = 0;
  try {
    for await (const values of parser as AsyncIterable<string[]>) {
      index += 1;
      if (values.every((v) => v.trim() === '')) continue;
      if (header === null) header = values;
      else if (records.length === maxRows)
        throw validation(
          `The file has more than ${maxRows.toLocaleString('en-US')} rows. Split it into smaller files and import them one at a time.`,
        );
      else records.push({ row: index, values });
    }
  } catch (error) {
    if (error instanceof CsvError) {
      const line = typeof error.lines === 'number' ? ` near line ${error.lines}` : '';
      throw validation(
        `The file could not be read as CSV${line}. Check that every quoted value has its closing quote, and save the file as CSV.`,
      );
    }
    throw error;
  }
  if (header === null) throw validation('The file is empty.');
  if (records.length === 0) throw validation('The file has a header row but no patient rows.');
  return { header, records };
}
