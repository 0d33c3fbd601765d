import { and, asc, desc, eq, gt, inArray, lt, sql, type SQL } from 'drizzle-orm';
import { importErrors, importJobs, users, type Db } from '@stratum/db';
import { dataScope, type Actor } from '../access/actor.js';
import { decodeCursor, encodeCursor, invalidCursor } from '../app/cursor.js';
import { importError } from './importErrors.js';
import type { ImportIssue } from './issues.js';

/**
 * Reading import jobs and their reports. Who sees what follows the data scope: directors, analysts and
 * admins see every import, a team lead the team's, an account manager their own. Another user's import
 * is "not found", never "forbidden".
 */
export interface ImportView {
  readonly id: number;
  readonly entity: string;
  readonly fileName: string;
  readonly format: string;
  readonly encoding: string | null;
  readonly skipInvalid: boolean;
  readonly status: string;
  readonly phase: string | null;
  /** 0–100: reading is 0–80 (by bytes), checking 85, writing 90, done 100. */
  readonly progressPercent: number;
  readonly bytesTotal: number | null;
  readonly bytesRead: number;
  readonly rowsRead: number;
  readonly inserted: number;
  readonly updated: number;
  readonly unchanged: number;
  readonly rejected: number;
  /** The first rejected rows (all of them: GET …/errors). */
  readonly sampleErrors: readonly ImportIssue[];
  readonly warnings: readonly string[];
  readonly error: string | null;
  readonly createdBy: string | null;
  readonly createdAt: Date;
  readonly startedAt: Date | null;
  readonly finishedAt: Date | null;
}

function visible(actor: Actor): SQL | undefined {
  const scope = dataScope(actor);
  switch (scope.kind) {
    case 'all':
      return undefined;
    case 'own':
      return eq(importJobs.createdBy, scope.userId);
    case 'team':
      return sql`(${importJobs.createdBy} = ${scope.userId} OR ${inArray(
        importJobs.createdBy,
        sql`(SELECT ${users.id} FROM ${users} WHERE ${users.teamId} = ${scope.teamId})`,
      )})`;
  }
}

export async function getImport(db: Db, actor: Actor, id: number): Promise<ImportView> {
  const [row] = await db
    .select()
    .from(importJobs)
    .where(and(eq(importJobs.id, id), visible(actor)));
  if (!row) throw importError('IMPORT_NOT_FOUND', `No import ${id}`);
  return present(row);
}

export async function listImports(
  db: Db,
  actor: Actor,
  query: { limit: number; cursor?: string | undefined },
): Promise<{ items: ImportView[]; nextCursor: string | null }> {
  let before: number | undefined;
  if (query.cursor) {
    const [id] = decodeCursor(query.cursor);
    if (typeof id !== 'number') throw invalidCursor();
    before = id;
  }
  const rows = await db
    .select()
    .from(importJobs)
    .where(and(visible(actor), before === undefined ? undefined : lt(importJobs.id, before)))
    .orderBy(desc(importJobs.id))
    .limit(query.limit + 1);
  const items = rows.slice(0, query.limit).map(present);
  const last = items[items.length - 1];
  return { items, nextCursor: rows.length > query.limit && last ? encodeCursor([last.id]) : null };
}

/** A page of an import's rejected rows in line order; a page never splits the issues of one line. */
export async function listImportErrors(
  db: Db,
  actor: Actor,
  id: number,
  query: { limit: number; cursor?: string | undefined },
): Promise<{ items: ImportIssue[]; nextCursor: string | null }> {
  await getImport(db, actor, id);
  let afterLine = 0;
  if (query.cursor) {
    const [line] = decodeCursor(query.cursor);
    if (typeof line !== 'number') throw invalidCursor();
    afterLine = line;
  }
  const lines = db
    .selectDistinct({ line: importErrors.line })
    .from(importErrors)
    .where(and(eq(importErrors.importId, id), gt(importErrors.line, afterLine)))
    .orderBy(asc(importErrors.line))
    .limit(query.limit + 1)
    .as('lines');
  const rows = await db
    .select({
      line: importErrors.line,
      column: importErrors.column,
      value: importErrors.value,
      code: importErrors.code,
      message: importErrors.message,
    })
    .from(importErrors)
    .innerJoin(lines, eq(lines.line, importErrors.line))
    .where(eq(importErrors.importId, id))
    .orderBy(asc(importErrors.line), asc(importErrors.column));
  const distinct = [...new Set(rows.map((row) => row.line))];
  const more = distinct.length > query.limit;
  const lastLine = distinct[query.limit - 1];
  const items = (more ? rows.filter((row) => row.line <= (lastLine ?? 0)) : rows) as ImportIssue[];
  return { items, nextCursor: more && lastLine !== undefined ? encodeCursor([lastLine]) : null };
}

function present(row: typeof importJobs.$inferSelect): ImportView {
  const summary = (row.summary ?? {}) as { issues?: ImportIssue[]; warnings?: string[] };
  return {
    id: row.id,
    entity: row.entity,
    fileName: row.fileName,
    format: row.format,
    encoding: row.encoding,
    skipInvalid: row.skipInvalid === 1,
    status: row.status,
    phase: row.phase,
    progressPercent: progressPercent(row),
    bytesTotal: row.bytesTotal,
    bytesRead: row.bytesRead,
    rowsRead: row.rowsRead,
    inserted: row.inserted,
    updated: row.updated,
    unchanged: row.unchanged,
    rejected: row.rejected,
    sampleErrors: summary.issues ?? [],
    warnings: summary.warnings ?? [],
    error: row.error,
    createdBy: row.createdBy,
    createdAt: row.createdAt,
    startedAt: row.startedAt,
    finishedAt: row.finishedAt,
  };
}

function progressPercent(row: typeof importJobs.$inferSelect): number {
  if (row.status === 'succeeded' || row.status === 'rejected' || row.status === 'failed') return 100;
  switch (row.phase) {
    case 'reading':
      return row.bytesTotal ? Math.min(80, Math.floor((80 * row.bytesRead) / row.bytesTotal)) : 0;
    case 'checking':
      return 85;
    case 'writing':
      return 90;
    default:
      return 0;
  }
}
