import { PassThrough, type Readable } from 'node:stream';
import type ExcelJS from 'exceljs';
import type unzipper from 'unzipper';

/**
 * The parse step of exceljs's streaming WorkbookReader, done through the zip's central directory.
 *
 * exceljs reads an XLSX in one pass over its entries in stored order, and files written by exceljs (our own
 * exports among them) store `xl/workbook.xml` last. That pass does not reliably deliver the last entry before
 * it parses the worksheets, so about one read in 300 failed with "Cannot read properties of undefined
 * (reading 'sheets')" (exceljs/exceljs#3064, open; measured here on our fixture). Reading the parts by
 * name instead lets us take them in the order they depend on each other: relationships, workbook (sheet
 * names, the 1904 date system), shared strings, styles, then the worksheets in the workbook's order,
 * each still streamed row by row. It uses exceljs's own part parsers (internal to WorkbookReader, stable
 * in the 4.x line we pin), fed text in whole characters (see `open`).
 */
interface ReaderParts {
  model?: { sheets?: Array<{ rId?: string }> };
  workbookRels?: Array<{ Id?: string; Target?: string }>;
  _parseRels(entry: Readable): Promise<void>;
  _parseWorkbook(entry: Readable): Promise<void>;
  _parseSharedStrings(entry: Readable): AsyncGenerator<unknown>;
  _parseStyles(entry: Readable): Promise<void>;
  _parseWorksheet(entry: AsyncIterable<unknown>, sheetNo: string): Generator<unknown>;
}

type ZipFile = unzipper.File;

/**
 * Makes `reader` take its parts from `directory`. `onSheetBytes(read, total)` reports the uncompressed
 * bytes of the worksheet being parsed (for progress).
 */
export function readPartsInOrder(
  reader: ExcelJS.stream.xlsx.WorkbookReader,
  directory: unzipper.CentralDirectory,
  onSheetBytes: (read: number, total: number) => void,
): void {
  const parts = reader as unknown as ReaderParts & { parse: () => AsyncGenerator<unknown> };
  parts.parse = () => parseInOrder(parts, directory, onSheetBytes);
}

async function* parseInOrder(
  reader: ReaderParts,
  directory: unzipper.CentralDirectory,
  onSheetBytes: (read: number, total: number) => void,
): AsyncGenerator<unknown> {
  const byPath = new Map(directory.files.map((file) => [file.path.replace(/^\//, ''), file]));
  const opened: Array<{ destroy?: () => void }> = [];
  const open = (file: ZipFile, onBytes?: (bytes: number) => void): Readable => {
    const raw = file.stream();
    if (onBytes) raw.on('data', (chunk: Buffer) => onBytes(chunk.length));
    // Text in whole characters: exceljs decodes each chunk on its own, so a character cut by a chunk
    // boundary came out as U+FFFD (a Chinese name in a shared string, say: 2 of 5,000 customer names
    // in one of our own exports). A UTF-8 string decoder carries the cut bytes over to the next chunk.
    const text = raw.pipe(new PassThrough());
    text.setEncoding('utf8');
    opened.push(raw, text);
    return text;
  };
  try {
    const rels = byPath.get('xl/_rels/workbook.xml.rels');
    if (rels) await reader._parseRels(open(rels));
    const workbook = byPath.get('xl/workbook.xml');
    if (workbook) await reader._parseWorkbook(open(workbook));
    const sharedStrings = byPath.get('xl/sharedStrings.xml');
    if (sharedStrings) yield* reader._parseSharedStrings(open(sharedStrings));
    const styles = byPath.get('xl/styles.xml');
    if (styles) await reader._parseStyles(open(styles));

    for (const { file, sheetNo } of sheetsInOrder(reader, byPath)) {
      let read = 0;
      const stream = open(file, (bytes) => onSheetBytes((read += bytes), file.uncompressedSize));
      yield* reader._parseWorksheet(stream, sheetNo);
    }
  } finally {
    for (const stream of opened) stream.destroy?.();
  }
}

/** The worksheet parts in the workbook's sheet order; parts it does not list follow by number. */
function sheetsInOrder(
  reader: ReaderParts,
  byPath: Map<string, ZipFile>,
): Array<{ file: ZipFile; sheetNo: string }> {
  const all = [...byPath.entries()]
    .map(([path, file]) => ({ path, file, sheetNo: /^xl\/worksheets\/sheet(\d+)\.xml$/.exec(path)?.[1] }))
    .filter((part): part is { path: string; file: ZipFile; sheetNo: string } => part.sheetNo !== undefined)
    .sort((a, b) => Number(a.sheetNo) - Number(b.sheetNo));
  const targets = new Map((reader.workbookRels ?? []).map((rel) => [rel.Id, rel.Target]));
  const listed = (reader.model?.sheets ?? [])
    .map((sheet) => partPath(targets.get(sheet.rId)))
    .filter((path): path is string => path !== undefined);
  const rank = (path: string) => {
    const index = listed.indexOf(path);
    return index < 0 ? listed.length : index;
  };
  return all.sort((a, b) => rank(a.path) - rank(b.path));
}

/** A relationship target (relative to xl/, or absolute) as a part path. */
function partPath(target: string | undefined): string | undefined {
  if (!target) return undefined;
  return target.startsWith('/') ? target.slice(1) : `xl/${target}`;
}
