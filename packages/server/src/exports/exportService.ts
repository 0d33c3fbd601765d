import fs from 'node:fs';
import { PassThrough, Writable, type Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { parse } from 'csv-parse';
import ExcelJS from 'exceljs';
import { PgDialect } from 'drizzle-orm/pg-core';
import type { SQL } from 'drizzle-orm';
import type pg from 'pg';
import { to as copyTo } from 'pg-copy-streams';
import type { Database } from '@stratum/db';
import type { Actor } from '../access/actor.js';
import type { Config } from '../config/config.js';
import { UTF8_BOM } from '../imports/importReport.js';
import { exportColumns, exportSelect, type ExportColumn, type ExportEntity } from './exportQuery.js';

export type ExportFormat = 'csv' | 'xlsx';
export type ExportHeaders = 'en' | 'zh';

export interface ExportRequest {
  readonly entity: ExportEntity;
  readonly format: ExportFormat;
  /** English headers (default) or Chinese ones; both re-import. */
  readonly headers?: ExportHeaders;
}

export interface ExportStream {
  readonly stream: Readable;
  /** The number of data rows, once the database has sent them all. */
  readonly rows: Promise<number>;
}

/**
 * Streams an entity as a file in the import format, in constant memory: PostgreSQL's COPY … TO STDOUT
 * of the scoped export query, with the header row (and, for CSV, a UTF-8 BOM so Chinese Excel opens
 * it right) in front. Text cells that a spreadsheet would evaluate are defused with a leading apostrophe
 * in both formats (see exportQuery.ts): an XLSX text cell is not a formula when opened, but becomes one
 * when someone edits it or saves the sheet as CSV. XLSX keeps numbers numeric and times as date cells.
 * The connection is held until the stream ends or is destroyed.
 */
export async function exportEntity(
  database: Database,
  config: Pick<Config, 'orgTimezone'>,
  actor: Actor,
  request: ExportRequest,
): Promise<ExportStream> {
  const columns = exportColumns(request.entity);
  const names = columns.map((column) => (request.headers === 'zh' ? column.zh : column.key));
  const out = new PassThrough();
  const copy = await copyCsv(database, exportSelect(request.entity, actor, config.orgTimezone), out);
  if (request.format === 'csv') {
    out.write(Buffer.concat([UTF8_BOM, Buffer.from(`${names.join(',')}\n`)]));
    copy.stream.pipe(out);
    return { stream: out, rows: copy.rows };
  }
  pipeline(copy.stream, parse(), new XlsxRows(columns, names, out)).catch((error: Error) =>
    out.destroy(error),
  );
  return { stream: out, rows: copy.rows };
}

/**
 * Starts `COPY (query) TO STDOUT WITH (FORMAT csv)` on a pooled connection whose life is tied to `out`:
 * the connection goes back to the pool once the server has sent every row, and is destroyed (never
 * reused mid-protocol) when `out` closes first or the COPY fails. `rows` resolves with the row count.
 */
export async function copyCsv(
  database: Database,
  query: SQL,
  out: PassThrough,
): Promise<{ stream: Readable; rows: Promise<number> }> {
  const client = await database.pool.connect();
  let released = false;
  const release = (broken: boolean) => {
    if (!released) client.release(broken || undefined);
    released = true;
  };
  try {
    const copy = client.query(copyTo(`COPY (${inline(client, query)}) TO STDOUT WITH (FORMAT csv)`));
    // pg calls this once the server is done with the COPY (row count known): the connection is reusable.
    const rows = new Promise<number>((resolve) => {
      const hooks = copy as unknown as { handleReadyForQuery(): void };
      const ready = hooks.handleReadyForQuery.bind(copy);
      hooks.handleReadyForQuery = () => {
        ready();
        release(false);
        resolve(copy.rowCount);
      };
    });
    copy.on('error', (error) => {
      release(true);
      out.destroy(error);
    });
    out.on('close', () => {
      if (!released && !copy.readableEnded) {
        release(true);
        copy.destroy();
      }
    });
    return { stream: copy, rows };
  } catch (error) {
    release(true);
    throw error;
  }
}

/** Writes an export to a file; resolves with the number of rows. */
export async function exportToFile(
  database: Database,
  config: Pick<Config, 'orgTimezone'>,
  actor: Actor,
  request: ExportRequest,
  outPath: string,
): Promise<{ rows: number }> {
  const { stream, rows } = await exportEntity(database, config, actor, request);
  await pipeline(stream, fs.createWriteStream(outPath));
  return { rows: await rows };
}

/** CSV records from COPY in, rows of a streamed XLSX workbook out (exceljs writes it to `out`). */
export class XlsxRows extends Writable {
  private readonly book: ExcelJS.stream.xlsx.WorkbookWriter;
  private readonly sheet: ExcelJS.Worksheet;

  constructor(
    private readonly columns: readonly Pick<ExportColumn, 'key' | 'kind'>[],
    names: readonly string[],
    out: PassThrough,
  ) {
    super({ objectMode: true });
    this.book = new ExcelJS.stream.xlsx.WorkbookWriter({
      stream: out,
      useStyles: true,
      useSharedStrings: false,
    });
    this.sheet = this.book.addWorksheet('data');
    this.sheet.columns = columns.map((column, index) => ({
      header: names[index],
      key: column.key,
      width: column.kind === 'time' ? 20 : 16,
      ...(column.kind === 'time' ? { style: { numFmt: 'yyyy-mm-dd hh:mm:ss' } } : {}),
    }));
  }

  override _write(
    record: string[],
    _encoding: BufferEncoding,
    callback: (error?: Error | null) => void,
  ): void {
    this.sheet
      .addRow(record.map((text, index) => cellOf(this.columns[index]?.kind ?? 'text', text)))
      .commit();
    callback();
  }

  override _final(callback: (error?: Error | null) => void): void {
    this.sheet.commit();
    this.book.commit().then(
      () => callback(),
      (error: Error) => callback(error),
    );
  }
}

/** An XLSX cell: numbers as numbers while a double holds them exactly, whole-second times as dates. */
function cellOf(kind: ExportColumn['kind'], text: string): string | number | Date | null {
  if (text === '') return null;
  if (kind === 'number') {
    const value = Number(text);
    return Math.abs(value) < 1e13 ? value : text;
  }
  if (kind === 'time') {
    const match = /^(\d{4})-(\d{2})-(\d{2})(?: (\d{2}):(\d{2}):(\d{2}))?$/.exec(text);
    if (!match) return text;
    const [, y, mo, d, h = '0', mi = '0', s = '0'] = match;
    return new Date(Date.UTC(Number(y), Number(mo) - 1, Number(d), Number(h), Number(mi), Number(s)));
  }
  return text;
}

const dialect = new PgDialect();

/** COPY takes no bind parameters: the query's parameters are inlined as escaped literals. */
function inline(client: pg.PoolClient, query: SQL): string {
  const { sql: text, params } = dialect.sqlToQuery(query);
  return text.replace(/\$(\d+)/g, (_, index: string) => {
    const value = params[Number(index) - 1];
    if (value === null || value === undefined) return 'NULL';
    if (typeof value === 'number' && Number.isFinite(value)) return String(value);
    if (typeof value === 'string') return client.escapeLiteral(value);
    throw new TypeError(`cannot inline a ${typeof value} parameter into COPY`);
  });
}
