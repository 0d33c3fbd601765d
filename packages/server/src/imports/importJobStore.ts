import type pg from 'pg';
import { inTransaction, type ImportEntity } from '@stratum/db';
import type { ImportIssue } from './issues.js';

/**
 * The import_jobs record of an import, written outside the data transaction (on its own connection)
 * so progress is visible while the data is still uncommitted, and a crash leaves a trace.
 *
 * Liveness: the process running an import holds a session advisory lock on (IMPORT_LOCK, id) for as
 * long as it runs. A job that is 'running' while nobody holds its lock belongs to a process that died
 * (kill -9, power loss); `recoverInterruptedImports` marks those failed. Several app instances can
 * share a database this way without failing each other's imports.
 */
const IMPORT_LOCK = 727_002;

export type ImportPhase = 'queued' | 'reading' | 'checking' | 'writing' | 'done';
export type ImportStatus = 'queued' | 'running' | 'succeeded' | 'rejected' | 'failed';

export interface NewImportJob {
  readonly entity: ImportEntity;
  readonly fileName: string;
  readonly filePath: string | null;
  readonly format: 'csv' | 'xlsx';
  readonly encoding: string;
  readonly skipInvalid: boolean;
  readonly createdBy: string | null;
  readonly bytesTotal: number | null;
}

export interface ImportProgress {
  readonly phase: ImportPhase;
  readonly bytesRead: number;
  readonly bytesTotal: number | null;
  readonly rowsRead: number;
  readonly rejected: number;
}

export interface ImportOutcome {
  readonly status: Exclude<ImportStatus, 'queued' | 'running'>;
  readonly encoding: string | null;
  readonly rowsRead: number;
  readonly bytesRead: number;
  readonly inserted: number;
  readonly updated: number;
  readonly unchanged: number;
  readonly rejected: number;
  readonly sample: readonly ImportIssue[];
  readonly warnings: readonly string[];
  readonly error: string | null;
}

type Queryable = Pick<pg.ClientBase, 'query'>;

export async function insertImportJob(db: Queryable, job: NewImportJob): Promise<number> {
  const result = await db.query<{ id: string }>(
    `INSERT INTO import_jobs (entity, file_name, file_path, format, encoding, skip_invalid, created_by, bytes_total, phase)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, 'queued') RETURNING id`,
    [
      job.entity,
      job.fileName,
      job.filePath,
      job.format,
      job.encoding,
      job.skipInvalid ? 1 : 0,
      job.createdBy,
      job.bytesTotal,
    ],
  );
  return Number(result.rows[0]?.id);
}

/**
 * Takes a queued job for this process: holds its lock (on `client`, which must stay checked out for the
 * whole run) and marks it running. False when it is not queued or another process already has it.
 */
export async function claimImportJob(client: pg.ClientBase, id: number): Promise<boolean> {
  const locked = await client.query<{ ok: boolean }>('SELECT pg_try_advisory_lock($1, $2::int) AS ok', [
    IMPORT_LOCK,
    id,
  ]);
  if (!locked.rows[0]?.ok) return false;
  const claimed = await client.query(
    `UPDATE import_jobs SET status = 'running', phase = 'reading', started_at = now(), error = NULL
     WHERE id = $1 AND status = 'queued'`,
    [id],
  );
  if (claimed.rowCount === 1) return true;
  await releaseImportJob(client, id);
  return false;
}

export async function releaseImportJob(client: pg.ClientBase, id: number): Promise<void> {
  await client.query('SELECT pg_advisory_unlock($1, $2::int)', [IMPORT_LOCK, id]);
}

export async function saveImportProgress(db: Queryable, id: number, progress: ImportProgress): Promise<void> {
  await db.query(
    `UPDATE import_jobs SET phase = $2, bytes_read = $3, rows_read = $4, rejected = $5, bytes_total = coalesce($6, bytes_total)
     WHERE id = $1`,
    [id, progress.phase, progress.bytesRead, progress.rowsRead, progress.rejected, progress.bytesTotal],
  );
}

export async function finishImportJob(db: Queryable, id: number, outcome: ImportOutcome): Promise<void> {
  await db.query(
    `UPDATE import_jobs SET status = $2, phase = 'done', encoding = coalesce($3, encoding), rows_read = $4, bytes_read = $5,
       inserted = $6, updated = $7, unchanged = $8, rejected = $9, summary = $10, error = $11, finished_at = now()
     WHERE id = $1`,
    [
      id,
      outcome.status,
      outcome.encoding,
      outcome.rowsRead,
      outcome.bytesRead,
      outcome.inserted,
      outcome.updated,
      outcome.unchanged,
      outcome.rejected,
      JSON.stringify({ issues: outcome.sample, warnings: outcome.warnings }),
      outcome.error,
    ],
  );
}

export interface InterruptedImport {
  readonly id: number;
  readonly filePath: string | null;
}

/**
 * Marks failed every import left 'running' by a process that is gone (nobody holds its lock), and
 * returns them (their uploaded files can be removed). Called when the app or a CLI import starts.
 */
export async function recoverInterruptedImports(pool: pg.Pool): Promise<InterruptedImport[]> {
  const client = await pool.connect();
  try {
    const result = await inTransaction(client, () =>
      client.query<{ id: string; file_path: string | null }>(
        `UPDATE import_jobs SET status = 'failed', phase = 'done', finished_at = now(),
           error = 'interrupted: the process running this import stopped before it finished; nothing was written'
         WHERE status = 'running' AND pg_try_advisory_xact_lock(${IMPORT_LOCK}, id::int)
         RETURNING id, file_path`,
      ),
    );
    return result.rows.map((row) => ({ id: Number(row.id), filePath: row.file_path }));
  } finally {
    client.release();
  }
}
