import fs from 'node:fs';
import { PassThrough, Transform, type TransformCallback } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { parse } from 'csv-parse';
import type { Locale } from '@stratum/core';
import { readExplainBlob, type Database } from '@stratum/db';
import type { Actor } from '../access/actor.js';
import type { Queryable } from '../app/transaction.js';
import { ChurnSentences } from '../grades/churnSentences.js';
import { gradeError } from '../grades/gradeErrors.js';
import { loadCurrentRuns, requireGradedRun, type GradedRun } from '../grades/gradedRuns.js';
import { UTF8_BOM } from '../imports/importReport.js';
import {
  copyCsv,
  XlsxRows,
  type ExportFormat,
  type ExportHeaders,
  type ExportStream,
} from './exportService.js';
import { GRADE_EXPORT_COLUMNS, GRADE_HELPER_COLUMNS, gradeExportSelect } from './gradeExportQuery.js';

export interface GradeExportRequest {
  /** 'latest': the current grades of every model family; or one run's grades. */
  readonly run: 'latest' | number;
  readonly format: ExportFormat;
  /** Header language, and the language of the churn reasons. */
  readonly headers?: ExportHeaders;
}

/** The runs an export reads: RUN_NOT_FOUND / RUN_NOT_GRADED for an id, NO_CURRENT_GRADES before any publish. */
export async function exportRuns(
  db: Queryable,
  run: GradeExportRequest['run'],
): Promise<{ runs: GradedRun[]; current: boolean }> {
  if (run !== 'latest') return { runs: [await requireGradedRun(db, run)], current: false };
  const runs = await loadCurrentRuns(db);
  if (runs.length === 0) {
    throw gradeError(
      'NO_CURRENT_GRADES',
      'No grading run has been published yet: there are no current grades',
    );
  }
  return { runs, current: true };
}

/**
 * Streams grades as CSV (UTF-8 with BOM) or XLSX in constant memory: COPY of the scoped grade SELECT, then
 * one pass in Node that writes the churn reasons as core's sentence (from the churn flags and the evidence
 * of the explain blob). Text cells a spreadsheet would evaluate (= + - @ …) carry a leading apostrophe in
 * both formats; numbers, negative ones included, stay numbers.
 */
export async function exportGrades(
  database: Database,
  actor: Actor,
  request: GradeExportRequest,
): Promise<ExportStream & { runs: GradedRun[] }> {
  const { runs, current } = await exportRuns(database.db, request.run);
  const names = GRADE_EXPORT_COLUMNS.map((column) => (request.headers === 'zh' ? column.zh : column.key));
  const cells = new GradeCells(runs, request.headers === 'zh' ? 'zh' : 'en');
  const out = new PassThrough();
  const copy = await copyCsv(database, gradeExportSelect(runs, current, actor), out);
  const fail = (error: Error) => out.destroy(error);
  if (request.format === 'csv') {
    out.write(Buffer.concat([UTF8_BOM, Buffer.from(`${csvLine(names)}\n`)]));
    pipeline(copy.stream, parse(), cells, new CsvLines(), out).catch(fail);
  } else {
    pipeline(copy.stream, parse(), cells, new XlsxRows(GRADE_EXPORT_COLUMNS, names, out)).catch(fail);
  }
  return { stream: out, rows: copy.rows, runs };
}

/** Writes a grade export to a file; resolves with the number of rows and the runs it read. */
export async function exportGradesToFile(
  database: Database,
  actor: Actor,
  request: GradeExportRequest,
  outPath: string,
): Promise<{ rows: number; runs: GradedRun[] }> {
  const { stream, rows, runs } = await exportGrades(database, actor, request);
  await pipeline(stream, fs.createWriteStream(outPath));
  return { rows: await rows, runs };
}

const CHURN_REASONS = GRADE_EXPORT_COLUMNS.findIndex((column) => column.key === 'churn_reasons');
const RUN_ID = GRADE_EXPORT_COLUMNS.findIndex((column) => column.key === 'run_id');
const EXPORTED = GRADE_EXPORT_COLUMNS.length;

/** Records of the SELECT in, the exported cells out: the churn sentence filled in, the helpers dropped. */
class GradeCells extends Transform {
  private readonly sentences = new Map<number, ChurnSentences>();

  constructor(
    runs: readonly GradedRun[],
    private readonly locale: Locale,
  ) {
    super({ objectMode: true });
    for (const run of runs) this.sentences.set(run.id, new ChurnSentences(run.model.model.windowMonths));
  }

  override _transform(record: string[], _encoding: BufferEncoding, callback: TransformCallback): void {
    if (record.length !== EXPORTED + GRADE_HELPER_COLUMNS) {
      callback(new Error(`grade export: expected ${EXPORTED + GRADE_HELPER_COLUMNS} columns`));
      return;
    }
    const flags = Number(record[EXPORTED]);
    const cells = record.slice(0, EXPORTED);
    const sentences = this.sentences.get(Number(record[RUN_ID]));
    if (flags !== 0 && sentences) {
      const { evidence } = readExplainBlob(Buffer.from(record[EXPORTED + 1] ?? '', 'hex'));
      cells[CHURN_REASONS] = defuse(sentences.sentence(flags, evidence, this.locale));
    }
    callback(null, cells);
  }
}

/** Cells in, CSV lines out (RFC 4180 quoting; an empty cell is an empty field). */
class CsvLines extends Transform {
  constructor() {
    super({ writableObjectMode: true });
  }

  override _transform(cells: string[], _encoding: BufferEncoding, callback: TransformCallback): void {
    callback(null, `${csvLine(cells)}\n`);
  }
}

function csvLine(cells: readonly string[]): string {
  return cells.map((cell) => (/[",\r\n]/.test(cell) ? `"${cell.replace(/"/g, '""')}"` : cell)).join(',');
}

function defuse(text: string): string {
  return /^[-=+@\t\r]/.test(text) ? `'${text}` : text;
}
