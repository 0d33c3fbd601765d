import fs from 'node:fs/promises';
import pg from 'pg';
import type { Database, ImportEntity } from '@stratum/db';
import type { Actor } from '../access/actor.js';
import { orgTimeZone } from '../time/OrgTimeZone.js';
import { ENTITY_SPECS } from './entities/index.js';
import {
  claimImportJob,
  finishImportJob,
  releaseImportJob,
  saveImportProgress,
  type ImportOutcome,
  type ImportPhase,
  type ImportProgress,
} from './importJobStore.js';
import { issueMessage } from './issues.js';
import { IssueSink } from './IssueSink.js';
import { FileFormatError } from './readers/FileFormatError.js';
import { openImportFile, type ImportFormat } from './readers/openImportFile.js';
import type { EncodingOption } from './readers/DecodeToUtf8.js';
import { stageFile, type StageCounters } from './stageFile.js';
import { writeStaged } from './writeStaged.js';

export interface RunImportOptions {
  readonly database: Database;
  readonly importId: number;
  readonly actor: Actor;
  readonly entity: ImportEntity;
  readonly filePath: string;
  /** The name the user knows the file by (the upload's name), for the audit entry. */
  readonly fileName: string;
  readonly format: ImportFormat;
  readonly encoding: EncodingOption;
  readonly skipInvalid: boolean;
  /** The organisation's timezone: zone-less dates in the file are read in it. */
  readonly timezone: string;
  /** Longest CSV record accepted, in bytes (default 1 MiB). */
  readonly maxRecordBytes?: number;
  /** Called about twice a second and at each phase change (the CLI's progress bar). */
  readonly onProgress?: (progress: ImportProgress) => void;
}

export interface ImportResult extends ImportOutcome {
  readonly id: number;
  readonly entity: ImportEntity;
}

const PROGRESS_INTERVAL_MS = 500;
export const DEFAULT_MAX_RECORD_BYTES = 1024 * 1024;

/**
 * Runs one queued import from start to end. The data is written in ONE transaction on a dedicated
 * connection: COPY into a TEMP stage, set-based checks, one upsert, the audit summary, COMMIT. A rejected
 * file (or a crash, or kill -9) therefore leaves the tables exactly as they were. The job record, the
 * progress and the report (import_errors) are written on a second connection, outside that transaction.
 * Bad files and bad rows are an outcome ('rejected'), not an exception; only a failure of the system
 * itself (database gone, a bug) ends as 'failed' and is rethrown.
 */
export async function runImport(options: RunImportOptions): Promise<ImportResult> {
  const { database, importId } = options;
  const side = await database.pool.connect();
  let claimed = false;
  try {
    claimed = await claimImportJob(side, importId);
    if (!claimed) throw new Error(`Import ${importId} is not queued (already run, or running elsewhere)`);
    const outcome = await runClaimed(options, side);
    await finishImportJob(side, importId, outcome);
    return { ...outcome, id: importId, entity: options.entity };
  } catch (error) {
    if (claimed) {
      await finishImportJob(side, importId, failedOutcome(error)).catch(() => undefined);
    }
    throw error;
  } finally {
    if (claimed) await releaseImportJob(side, importId).catch(() => undefined);
    side.release();
  }
}

async function runClaimed(options: RunImportOptions, side: pg.PoolClient): Promise<ImportOutcome> {
  const spec = ENTITY_SPECS[options.entity];
  const sink = new IssueSink(side, options.importId);
  const bytesTotal = (await fs.stat(options.filePath)).size;
  const file = openImportFile(options.filePath, {
    format: options.format,
    encoding: options.encoding,
    maxRecordBytes: options.maxRecordBytes ?? DEFAULT_MAX_RECORD_BYTES,
  });
  const counters: StageCounters = { rowsRead: 0, rejectedRows: 0, lang: 'en' };
  let phase: ImportPhase = 'reading';
  const reporter = new ProgressReporter(
    side,
    options.importId,
    () => ({
      phase,
      bytesRead: file.bytesRead(),
      bytesTotal,
      rowsRead: counters.rowsRead,
      rejected: counters.rejectedRows,
    }),
    options.onProgress,
  );
  const finish = (
    status: 'succeeded' | 'rejected',
    counts: Counts,
    warnings: readonly string[],
  ): ImportOutcome => ({
    status,
    encoding: file.encoding() ?? null,
    rowsRead: counters.rowsRead,
    bytesRead: file.bytesRead(),
    ...counts,
    sample: sink.sample,
    warnings,
    error: null,
  });

  const data = new pg.Client({ connectionString: options.database.url });
  // An idle error on a dead connection must not crash the process; the failed query reports it.
  data.on('error', () => undefined);
  await data.connect();
  try {
    await data.query(`SET temp_buffers = '256MB'`);
    await data.query('BEGIN');
    await data.query(`SET LOCAL work_mem = '256MB'`);
    const staged = await stageFile({
      client: data,
      spec,
      file,
      zone: orgTimeZone(options.timezone),
      sink,
      counters,
      expectedRows: bytesTotal / (options.format === 'xlsx' ? 8 : 30),
    });
    if (staged.fileIssues.length > 0) {
      for (const issue of staged.fileIssues) await sink.add(issue);
      await sink.flush();
      await data.query('ROLLBACK');
      return finish('rejected', { ...NOTHING, rejected: counters.rejectedRows }, staged.warnings);
    }

    phase = 'checking';
    reporter.tick();
    const result = await writeStaged({
      client: data,
      spec,
      staged,
      sink,
      actor: options.actor,
      importId: options.importId,
      fileName: options.fileName,
      lang: counters.lang,
      skipInvalid: options.skipInvalid,
      rejectedWhileReading: counters.rejectedRows,
      onPhase: (next) => {
        phase = next;
        reporter.tick();
      },
    });
    await sink.flush();
    const rejected = counters.rejectedRows + result.rejectedRows;
    if (!result.written) {
      await data.query('ROLLBACK');
      return finish('rejected', { ...NOTHING, rejected }, staged.warnings);
    }
    await data.query('COMMIT');
    const { inserted, updated, unchanged } = result;
    return finish('succeeded', { inserted, updated, unchanged, rejected }, staged.warnings);
  } catch (error) {
    await data.query('ROLLBACK').catch(() => undefined);
    if (!(error instanceof FileFormatError)) throw error;
    await sink.add({
      line: error.line,
      column: null,
      value: null,
      code: error.code,
      message: issueMessage(error.code, counters.lang, error.params),
    });
    await sink.flush();
    return finish('rejected', { ...NOTHING, rejected: counters.rejectedRows }, []);
  } finally {
    phase = 'done';
    reporter.stop();
    await data.end().catch(() => undefined);
  }
}

interface Counts {
  readonly inserted: number;
  readonly updated: number;
  readonly unchanged: number;
  readonly rejected: number;
}

const NOTHING = { inserted: 0, updated: 0, unchanged: 0 } as const;

function failedOutcome(error: unknown): ImportOutcome {
  return {
    status: 'failed',
    encoding: null,
    rowsRead: 0,
    bytesRead: 0,
    inserted: 0,
    updated: 0,
    unchanged: 0,
    rejected: 0,
    sample: [],
    warnings: [],
    error: `failed, nothing was written: ${error instanceof Error ? error.message : String(error)}`,
  };
}

/** Saves progress to the job record and tells the caller, every half second, never two saves at once. */
class ProgressReporter {
  private readonly timer: NodeJS.Timeout;
  private saving = false;

  constructor(
    private readonly client: pg.ClientBase,
    private readonly importId: number,
    private readonly snapshot: () => ImportProgress,
    private readonly onProgress?: (progress: ImportProgress) => void,
  ) {
    this.timer = setInterval(() => this.tick(), PROGRESS_INTERVAL_MS);
    this.timer.unref();
  }

  tick(): void {
    const progress = this.snapshot();
    this.onProgress?.(progress);
    if (this.saving) return;
    this.saving = true;
    saveImportProgress(this.client, this.importId, progress)
      .catch(() => undefined)
      .finally(() => {
        this.saving = false;
      });
  }

  stop(): void {
    clearInterval(this.timer);
    this.onProgress?.(this.snapshot());
  }
}
