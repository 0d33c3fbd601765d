import fs from 'node:fs';
import ExcelJS from 'exceljs';
import type { Cell } from '../cellReader.js';
import { FileFormatError } from './FileFormatError.js';
import type { SourceRecord } from './SourceRecord.js';

export interface XlsxFile {
  readonly records: AsyncIterable<readonly SourceRecord[]>;
  bytesRead(): number;
}

/**
 * Streams the rows of the first worksheet of an XLSX file with exceljs's streaming reader (shared strings
 * and styles are cached, which is what tells a date cell from a number). Cells come as strings, numbers,
 * booleans and Dates; formulas give their cached result; rich text its plain text. A line is the row
 * number in the sheet (1 = the header), so empty rows keep the numbering Excel shows.
 */
export function readXlsx(path: string): XlsxFile {
  const source = fs.createReadStream(path, { highWaterMark: 256 * 1024 });
  return { records: rows(source), bytesRead: () => source.bytesRead };
}

const BATCH = 500;

async function* rows(source: fs.ReadStream): AsyncGenerator<readonly SourceRecord[]> {
  const workbook = new ExcelJS.stream.xlsx.WorkbookReader(source, {
    sharedStrings: 'cache',
    styles: 'cache',
    hyperlinks: 'ignore',
    worksheets: 'emit',
    entries: 'ignore',
  });
  try {
    for await (const sheet of workbook) {
      let batch: SourceRecord[] = [];
      for await (const row of sheet) {
        const values = row.values as unknown[];
        const cells: Cell[] = [];
        for (let i = 1; i < values.length; i++) cells.push(cellValue(values[i]));
        batch.push({ line: row.number, cells });
        if (batch.length >= BATCH) {
          yield batch;
          batch = [];
        }
      }
      if (batch.length > 0) yield batch;
      return; // the first worksheet only
    }
  } catch (error) {
    if (error instanceof FileFormatError) throw error;
    throw new FileFormatError('XLSX_UNREADABLE', 1, { detail: (error as Error).message });
  } finally {
    source.destroy();
  }
}

function cellValue(value: unknown): Cell {
  if (value === null || value === undefined) return null;
  if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') return value;
  if (value instanceof Date) return value;
  if (typeof value === 'object') {
    const object = value as Record<string, unknown>;
    if (Array.isArray(object.richText)) {
      return (object.richText as Array<{ text?: unknown }>)
        .map((part) => (typeof part.text === 'string' ? part.text : ''))
        .join('');
    }
    if ('result' in object) return cellValue(object.result);
    if ('formula' in object || 'sharedFormula' in object) return null;
    if (typeof object.text === 'string') return object.text;
    if (typeof object.error === 'string') return object.error;
  }
  return typeof value === 'bigint' ? value.toString() : null;
}
