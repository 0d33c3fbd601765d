import { readCsv } from './readCsv.js';
import { readXlsx } from './readXlsx.js';
import type { EncodingOption } from './DecodeToUtf8.js';
import type { SourceRecord } from './SourceRecord.js';

export type ImportFormat = 'csv' | 'xlsx';

/** An import file being read: its records, how far the reader got, and the encoding it detected. */
export interface ImportFile {
  /** The records in file order, in batches (the header is the first record of the first batch). */
  readonly records: AsyncIterable<readonly SourceRecord[]>;
  bytesRead(): number;
  encoding(): string | undefined;
}

export function openImportFile(
  path: string,
  options: { format: ImportFormat; encoding: EncodingOption; maxRecordBytes: number },
): ImportFile {
  if (options.format === 'xlsx') {
    const xlsx = readXlsx(path);
    return { ...xlsx, encoding: () => undefined };
  }
  return readCsv(path, options);
}

/** The format a file name suggests (.xlsx → xlsx, anything else CSV). */
export function formatOf(fileName: string): ImportFormat {
  return /\.xlsx$/i.test(fileName) ? 'xlsx' : 'csv';
}
