import { importColumns } from '@portico/contracts';

/** A header-only CSV that the importer understands, as a download link target. */
export function templateCsvHref(): string {
  return `data:text/csv;charset=utf-8,${encodeURIComponent(`${importColumns.join(',')}\r\n`)}`;
}

export const templateFileName = 'portico-patients-template.csv';
