import type pg from 'pg';
import type { OrgTimeZone } from '../time/OrgTimeZone.js';
import { CellReader } from './cellReader.js';
import { DuplicateFilter } from './duplicateFilter.js';
import type { EntitySpec } from './entities/EntitySpec.js';
import { mapHeaders, type HeaderMapping } from './headers.js';
import { issueMessage, type ImportIssue, type Lang } from './issues.js';
import type { IssueSink } from './IssueSink.js';
import type { ImportFile } from './readers/openImportFile.js';
import { cellText, RowValidator } from './RowValidator.js';
import { createStage, StageWriter, stageColumns } from './staging.js';

/** Live counts of the reading phase (the progress reporter reads them while the file streams). */
export interface StageCounters {
  rowsRead: number;
  /** Rows rejected without the database (bad cells, row rules). */
  rejectedRows: number;
  lang: Lang;
}

export interface StagedFile {
  readonly mapping: HeaderMapping | null;
  /** Problems with the file as a whole (empty, missing columns): nothing is staged then. */
  readonly fileIssues: readonly ImportIssue[];
  readonly warnings: readonly string[];
  readonly stagedRows: number;
  readonly duplicates: DuplicateFilter;
}

export interface StageFileOptions {
  readonly client: pg.ClientBase;
  readonly spec: EntitySpec;
  readonly file: ImportFile;
  readonly zone: OrgTimeZone;
  readonly sink: IssueSink;
  readonly counters: StageCounters;
  /** Sizes the duplicate filter. */
  readonly expectedRows: number;
}

/**
 * The reading phase: header → column mapping, then every row validated and, when valid, COPY'd into
 * the TEMP stage in one stream; invalid rows go to the report. Memory stays constant whatever the file
 * size (the duplicate filter is fixed-size). A reader error (bad bytes, broken CSV, an oversized record)
 * aborts the COPY and propagates as a FileFormatError.
 */
export async function stageFile(options: StageFileOptions): Promise<StagedFile> {
  const { client, spec, file, sink, counters } = options;
  const duplicates = new DuplicateFilter(options.expectedRows);
  let mapping: HeaderMapping | null = null;
  let warnings: string[] = [];
  let validator: RowValidator | undefined;
  let writer: StageWriter | undefined;
  try {
    for await (const batch of file.records) {
      for (const record of batch) {
        if (!validator) {
          const header = record.cells.map((cell) => cellText(cell) ?? '');
          mapping = mapHeaders(spec.columns, header);
          counters.lang = mapping.lang;
          warnings = unknownColumnsWarning(mapping);
          if (mapping.issues.length > 0) {
            return { mapping, fileIssues: mapping.issues, warnings, stagedRows: 0, duplicates };
          }
          await createStage(client, stageColumns(spec.columns, spec.extraStage));
          validator = new RowValidator(
            spec,
            mapping,
            new CellReader(options.zone, mapping.lang),
            header.length,
          );
          writer = new StageWriter(client, validator.copyColumns);
          continue;
        }
        const outcome = validator.validate(record);
        if (outcome.kind === 'empty') continue;
        counters.rowsRead++;
        if (outcome.kind === 'staged') {
          duplicates.add(outcome.identity);
          writer?.add(record.line, outcome.text);
        } else {
          counters.rejectedRows++;
          for (const issue of outcome.issues) await sink.add(issue);
        }
      }
      if (writer?.full) await writer.flush();
    }
    if (!writer) {
      const issue: ImportIssue = {
        line: 1,
        column: null,
        value: null,
        code: 'EMPTY_FILE',
        message: issueMessage('EMPTY_FILE', 'en'),
      };
      return { mapping: null, fileIssues: [issue], warnings: [], stagedRows: 0, duplicates };
    }
    await writer.finish();
  } catch (error) {
    await writer?.abort(error as Error);
    throw error;
  }
  // TEMP tables are never auto-analysed: without this the checks and the upsert plan for a tiny stage.
  await client.query('ANALYZE import_stage');
  return { mapping, fileIssues: [], warnings, stagedRows: writer.rows, duplicates };
}

function unknownColumnsWarning(mapping: HeaderMapping): string[] {
  if (mapping.unknown.length === 0) return [];
  return [
    mapping.lang === 'zh'
      ? `已忽略未知列：${mapping.unknown.join('、')}`
      : `unknown columns ignored: ${mapping.unknown.join(', ')}`,
  ];
}
