import fs from 'node:fs';
import { pipeline } from 'node:stream';
import { CsvError, Parser } from 'csv-parse';
import { DecodeToUtf8, type DetectedEncoding, type EncodingOption } from './DecodeToUtf8.js';
import { FileFormatError } from './FileFormatError.js';
import type { SourceRecord } from './SourceRecord.js';

export interface CsvFile {
  readonly records: AsyncIterable<readonly SourceRecord[]>;
  bytesRead(): number;
  encoding(): DetectedEncoding | undefined;
}

/**
 * Streams the records of a CSV file (comma-separated, RFC 4180 quoting, blank lines skipped) in constant
 * memory: a record longer than `maxRecordBytes` stops the import at its line instead of being buffered.
 */
export function readCsv(
  path: string,
  options: { encoding: EncodingOption; maxRecordBytes: number },
): CsvFile {
  const source = fs.createReadStream(path, { highWaterMark: 256 * 1024 });
  const decoder = new DecodeToUtf8(options.encoding);
  const parser = new LineParser({
    skip_empty_lines: true,
    relax_column_count: true,
    relax_quotes: true,
    max_record_size: options.maxRecordBytes,
  });
  pipeline(source, decoder, parser, () => undefined);
  return {
    records: records(parser, options.maxRecordBytes),
    bytesRead: () => source.bytesRead,
    encoding: () => decoder.encoding ?? 'utf-8',
  };
}

async function* records(parser: LineParser, maxRecordBytes: number): AsyncGenerator<readonly SourceRecord[]> {
  try {
    for await (const batch of parser) yield batch as SourceRecord[];
  } catch (error) {
    throw toFileError(error, parser.nextLine, maxRecordBytes);
  } finally {
    parser.destroy();
  }
}

function toFileError(error: unknown, nextLine: number, maxRecordBytes: number): unknown {
  if (!(error instanceof CsvError)) return error;
  const line = typeof error.lines === 'number' ? error.lines : nextLine;
  if (error.code === 'CSV_MAX_RECORD_SIZE') {
    return new FileFormatError('RECORD_TOO_LONG', nextLine, { limit: maxRecordBytes });
  }
  if (error.code === 'CSV_QUOTE_NOT_CLOSED') {
    return new FileFormatError('CSV_SYNTAX', nextLine, {
      detail: 'a quote opened in this record is never closed (引号未闭合)',
    });
  }
  return new FileFormatError('CSV_SYNTAX', line, { detail: error.message });
}

/**
 * csv-parse with the line each record starts on, emitting the records of each input chunk as one batch
 * (a promise per record costs more than parsing it). `info.lines` is current when the parser pushes a
 * record, and is then the record's last line, except that csv-parse counts a CRLF inside a quoted cell
 * as two lines (and keeps the surplus): we subtract that surplus, then the record's own line breaks.
 */
class LineParser extends Parser {
  /** Line after the last record pushed: where the next record starts (blank lines aside). */
  nextLine = 1;
  private surplus = 0;
  private batch: SourceRecord[] = [];

  override _transform(
    chunk: Buffer,
    encoding: BufferEncoding,
    callback: (error?: Error | null) => void,
  ): void {
    super._transform(chunk, encoding, (error?: Error | null) => {
      this.pushBatch();
      callback(error);
    });
  }

  override _flush(callback: (error?: Error | null) => void): void {
    super._flush((error?: Error | null) => {
      this.pushBatch();
      callback(error);
    });
  }

  private pushBatch(): void {
    if (this.batch.length === 0) return;
    const batch = this.batch;
    this.batch = [];
    super.push(batch);
  }

  override push(chunk: unknown, encoding?: BufferEncoding): boolean {
    if (chunk === null) {
      this.pushBatch();
      return super.push(null, encoding);
    }
    const cells = chunk as string[];
    let breaks = 0;
    for (const cell of cells) {
      if (cell.includes('\n') || cell.includes('\r')) {
        const counted = countBreaks(cell);
        breaks += counted.breaks;
        this.surplus += counted.crlf;
      }
    }
    const end = this.info.lines - this.surplus;
    this.nextLine = end + 1;
    this.batch.push({ line: end - breaks, cells });
    return true;
  }
}

/** Line breaks in a cell (CRLF, LF or a lone CR each count once) and how many of them are CRLF. */
function countBreaks(text: string): { breaks: number; crlf: number } {
  let breaks = 0;
  let crlf = 0;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code === 13 && text.charCodeAt(i + 1) === 10) {
      crlf++;
      breaks++;
      i++;
    } else if (code === 10 || code === 13) breaks++;
  }
  return { breaks, crlf };
}
