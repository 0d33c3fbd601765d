import { backtestReports, type Db } from '@stratum/db';
import { and, desc, eq, lt, type SQL } from 'drizzle-orm';
import type pg from 'pg';
import { decodeCursor, encodeCursor, invalidCursor } from '../app/cursor.js';
import { backtestError } from './backtestErrors.js';
import type { BacktestReport } from './backtestReportSchema.js';

export type BacktestRow = typeof backtestReports.$inferSelect;
export type BacktestStatus = BacktestRow['status'];

export interface NewBacktest {
  modelId: number;
  asOf: string;
  horizonDays: number;
  requestedBy: string | null;
}

export async function createBacktest(db: Db, backtest: NewBacktest): Promise<BacktestRow> {
  const [row] = await db.insert(backtestReports).values(backtest).returning();
  return row!;
}

export async function getBacktest(db: Db, id: number): Promise<BacktestRow> {
  const [row] = await db.select().from(backtestReports).where(eq(backtestReports.id, id));
  if (!row) throw backtestError('BACKTEST_NOT_FOUND', `Backtest ${id} does not exist`);
  return row;
}

export interface BacktestListQuery {
  limit: number;
  cursor?: string | undefined;
  modelId?: number | undefined;
  status?: BacktestStatus | undefined;
}

/** Newest first, keyset by id. Reports hold aggregates only (no customer rows): organisation-wide. */
export async function listBacktests(
  db: Db,
  query: BacktestListQuery,
): Promise<{ items: BacktestRow[]; nextCursor: string | null }> {
  const conditions: SQL[] = [];
  if (query.modelId !== undefined) conditions.push(eq(backtestReports.modelId, query.modelId));
  if (query.status !== undefined) conditions.push(eq(backtestReports.status, query.status));
  if (query.cursor !== undefined) {
    const [after] = decodeCursor(query.cursor);
    if (typeof after !== 'number') throw invalidCursor();
    conditions.push(lt(backtestReports.id, after));
  }
  const rows = await db
    .select()
    .from(backtestReports)
    .where(and(...conditions))
    .orderBy(desc(backtestReports.id))
    .limit(query.limit + 1);
  const items = rows.slice(0, query.limit);
  const last = items[items.length - 1];
  return { items, nextCursor: rows.length > query.limit && last ? encodeCursor([last.id]) : null };
}

/**
 * While a backtest works, `report` holds its progress ({ phase, progress, heartbeatAt }) rather than the
 * report: backtest_reports has no progress columns, and adding them would need a migration. The report
 * replaces it when the backtest succeeds.
 */
export interface BacktestProgressState {
  phase: string;
  progress: number;
  heartbeatAt?: string;
}

export function progressOf(row: BacktestRow): { phase: string | null; progress: number } {
  if (row.status === 'succeeded') return { phase: 'done', progress: 1 };
  const state = row.report as Partial<BacktestProgressState> | null;
  if (row.status === 'running' && state && typeof state.progress === 'number') {
    return { phase: typeof state.phase === 'string' ? state.phase : null, progress: state.progress };
  }
  return { phase: null, progress: 0 };
}

/** The finished report of a succeeded backtest, null otherwise. */
export function reportOf(row: BacktestRow): BacktestReport | null {
  return row.status === 'succeeded' ? (row.report as BacktestReport) : null;
}

export async function finishBacktest(pool: pg.Pool, id: number, report: BacktestReport): Promise<void> {
  await pool.query(
    `UPDATE backtest_reports SET status = 'succeeded', report = $2, error = NULL, finished_at = now() WHERE id = $1`,
    [id, JSON.stringify(report)],
  );
}

export async function failBacktest(pool: pg.Pool, id: number, reason: string): Promise<void> {
  await pool.query(
    `UPDATE backtest_reports SET status = 'failed', report = NULL, error = $2, finished_at = now()
     WHERE id = $1 AND status IN ('queued', 'running')`,
    [id, reason.slice(0, 2000)],
  );
}

/** A running backtest whose heartbeat is older than this belongs to a process that died. */
export const BACKTEST_STALE_AFTER_SECONDS = 60;

/** Backtests left 'running' by a stopped process are marked failed (a live one keeps its heartbeat fresh). */
export async function recoverInterruptedBacktests(
  pool: pg.Pool,
  staleAfterSeconds = BACKTEST_STALE_AFTER_SECONDS,
): Promise<number[]> {
  const result = await pool.query<{ id: string }>(
    `UPDATE backtest_reports SET status = 'failed', report = NULL, finished_at = now(),
            error = 'interrupted: the process running it stopped'
     WHERE status = 'running'
       AND coalesce((report->>'heartbeatAt')::timestamptz, created_at) < now() - make_interval(secs => $1)
     RETURNING id`,
    [staleAfterSeconds],
  );
  return result.rows.map((row) => Number(row.id));
}
