import fs from 'node:fs/promises';
import path from 'node:path';
import { eq } from 'drizzle-orm';
import { importJobs, type Database, type ImportEntity } from '@stratum/db';
import type { Actor } from '../access/actor.js';
import type { Config } from '../config/config.js';
import { insertImportJob, type ImportProgress } from './importJobStore.js';
import type { EncodingOption } from './readers/DecodeToUtf8.js';
import { formatOf, type ImportFormat } from './readers/openImportFile.js';
import { runImport, type ImportResult } from './runImport.js';

export interface ImportRequest {
  readonly entity: ImportEntity;
  /** Where the file is on this machine. */
  readonly filePath: string;
  /** The name the user knows it by (defaults to the path's base name). */
  readonly fileName?: string;
  /** Defaults from the file name (.xlsx → xlsx, else csv). */
  readonly format?: ImportFormat;
  readonly encoding?: EncodingOption;
  readonly skipInvalid?: boolean;
  /** Set for uploads: the file is deleted once the import ends. */
  readonly ownedUpload?: boolean;
}

/** Records a queued import of a file (the API then enqueues it as a job; the CLI runs it at once). */
export async function queueImport(database: Database, actor: Actor, request: ImportRequest): Promise<number> {
  const stat = await fs.stat(request.filePath);
  return insertImportJob(database.pool, {
    entity: request.entity,
    fileName: request.fileName ?? path.basename(request.filePath),
    filePath: request.ownedUpload ? request.filePath : null,
    format: request.format ?? formatOf(request.fileName ?? request.filePath),
    encoding: request.encoding ?? 'auto',
    skipInvalid: request.skipInvalid ?? false,
    createdBy: actor.userId,
    bytesTotal: stat.size,
  });
}

/** Imports a file now, in this process (the CLI, tests): queue + run. */
export async function importFile(
  database: Database,
  config: Pick<Config, 'orgTimezone'>,
  actor: Actor,
  request: ImportRequest,
  onProgress?: (progress: ImportProgress) => void,
): Promise<ImportResult> {
  const importId = await queueImport(database, actor, request);
  return runImport({
    database,
    importId,
    actor,
    entity: request.entity,
    filePath: request.filePath,
    fileName: request.fileName ?? path.basename(request.filePath),
    format: request.format ?? formatOf(request.fileName ?? request.filePath),
    encoding: request.encoding ?? 'auto',
    skipInvalid: request.skipInvalid ?? false,
    timezone: config.orgTimezone,
    ...(onProgress ? { onProgress } : {}),
  });
}

/**
 * Runs an import queued earlier (by the API), from its record: the job queue's worker calls this. An
 * uploaded file is deleted once the import has ended, whatever the outcome.
 */
export async function runQueuedImport(
  database: Database,
  config: Pick<Config, 'orgTimezone'>,
  importId: number,
  actor: Actor,
): Promise<ImportResult> {
  const [job] = await database.db.select().from(importJobs).where(eq(importJobs.id, importId));
  if (!job?.filePath) throw new Error(`Import ${importId} has no file to run`);
  try {
    return await runImport({
      database,
      importId,
      actor,
      entity: job.entity,
      filePath: job.filePath,
      fileName: job.fileName,
      format: job.format === 'xlsx' ? 'xlsx' : 'csv',
      encoding: job.encoding === 'utf8' || job.encoding === 'gbk' ? job.encoding : 'auto',
      skipInvalid: job.skipInvalid === 1,
      timezone: config.orgTimezone,
    });
  } finally {
    await fs.rm(job.filePath, { force: true });
  }
}

/** A queued import that could not be handed to the job queue ends failed (it would otherwise wait forever). */
export async function failQueuedImport(database: Database, importId: number, error: unknown): Promise<void> {
  const reason = error instanceof Error ? error.message : String(error);
  await database.pool.query(
    `UPDATE import_jobs SET status = 'failed', phase = 'done', finished_at = now(), error = $2 WHERE id = $1 AND status = 'queued'`,
    [importId, `could not be queued: ${reason}`],
  );
}
