import fs from 'node:fs';
import ExcelJS from 'exceljs';
import unzipper from 'unzipper';
import type { Cell } from '../cellReader.js';
import { FileFormatError } from './FileFormatError.js';
import type { SourceRecord } from './SourceRecord.js';
import { readPartsInOrder } from './xlsxParts.js';

export interface XlsxFile {
  readonly records: AsyncIterable<readonly SourceRecord[]>;
  bytesRead(): number;
}

/**
 * Streams the rows of the first worksheet of an XLSX file with exceljs's streaming reader (shared strings
 * and styles are cached, which is what tells a date cell from a number), its parts taken through the zip's
 * central directory (see xlsxParts.ts). Cells come as strings, numbers, booleans and Dates; formulas give
 * their cached result; rich text its plain text. A line is the row number in the sheet (1 = the header),
 * so empty rows keep the numbering Excel shows. Progress (`bytesRead`) is the share of the worksheet
 * parsed, in bytes of the file.
 */
export function readXlsx(path: string): XlsxFile {
  let share = 0;
  let fileBytes = 0;
  const records = rows(path, (read, total) => {
    share = total > 0 ? read / total : 1;
  });
  return {
    records,
    bytesRead: () => {
      if (fileBytes === 0) fileBytes = fileSize(path);
      return Math.round(share * fileBytes);
    },
  };
}

const BATCH = 500;

async function* rows(
  path: string,
  onSheetBytes: (read: number, total: number) => void,
): AsyncGenerator<readonly SourceRecord[]> {
  try {
    const directory = await unzipper.Open.file(path);
    const workbook = new ExcelJS.stream.xlsx.WorkbookReader(path, {
      sharedStrings: 'cache',
      styles: 'cache',
      hyperlinks: 'ignore',
      worksheets: 'emit',
      entries: 'ignore',
    });
    readPartsInOrder(workbook, directory, onSheetBytes);
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
  }
}

function fileSize(path: string): number {
  try {
    return fs.statSync(path).size;
  } catch {
    return 0;
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
