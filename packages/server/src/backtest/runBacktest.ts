import { dayFromIso } from '@stratum/core';
import { extractOutcomes, type Database } from '@stratum/db';
import { loadModel } from '../models/modelStore.js';
import { BacktestProgress, type BacktestPhase } from './backtestProgress.js';
import type { BacktestReport } from './backtestReportSchema.js';
import { failBacktest, finishBacktest, getBacktest, type BacktestRow } from './backtestStore.js';
import { buildBacktestReport } from './buildBacktestReport.js';
import { gradeAsOf } from './gradeAsOf.js';

export interface BacktestContext {
  database: Database;
  timezone: string;
  onProgress?: (phase: BacktestPhase, progress: number) => void;
}

export interface BacktestOutcome {
  /** The stored row, status 'succeeded'. */
  row: BacktestRow;
  report: BacktestReport;
}

/**
 * Runs a queued backtest end to end: grade the model as of the date (writing no grades), read what each
 * graded customer did in (asOf, asOf + horizon], measure, and store the report on the row. Returns
 * undefined when the backtest was no longer queued (another worker took it, or it was cancelled). Any
 * failure marks it failed with the reason and is rethrown.
 */
export async function runBacktest(
  context: BacktestContext,
  backtestId: number,
): Promise<BacktestOutcome | undefined> {
  const { database, timezone } = context;
  const row = await getBacktest(database.db, backtestId);
  const progress = new BacktestProgress(database.pool, backtestId, context.onProgress);
  if (!(await progress.start())) return undefined;
  const seconds: Record<string, number> = {};
  const started = performance.now();
  let phaseStart = started;
  let current: BacktestPhase = 'refresh';
  const enter = async (next: BacktestPhase) => {
    const now = performance.now();
    seconds[current] = (now - phaseStart) / 1000;
    phaseStart = now;
    current = next;
    await progress.phase(next);
  };
  try {
    const stored = await loadModel(database.db, row.modelId);
    const { features, result } = await gradeAsOf(stored, {
      database,
      timezone,
      asOf: row.asOf,
      enterPhase: enter,
      onProgress: (fraction) => progress.report(fraction),
    });
    await enter('outcomes');
    const asOfDay = dayFromIso(row.asOf);
    const outcomes = await extractOutcomes(database.pool, {
      ids: features.ids,
      fromDay: asOfDay,
      toDay: asOfDay + row.horizonDays,
      onProgress: (read, total) => progress.report(total > 0 ? read / total : 1),
    });
    await enter('report');
    const report = buildBacktestReport({
      model: stored,
      asOf: row.asOf,
      horizonDays: row.horizonDays,
      timezone,
      result,
      outcomes,
      seconds,
    });
    seconds.report = (performance.now() - phaseStart) / 1000;
    seconds.total = (performance.now() - started) / 1000;
    progress.stop(); // no heartbeat may overwrite the report once it is stored
    await finishBacktest(database.pool, backtestId, report);
    return { row: await getBacktest(database.db, backtestId), report };
  } catch (error) {
    await failBacktest(
      database.pool,
      backtestId,
      error instanceof Error ? error.message : String(error),
    ).catch(() => undefined);
    throw error;
  } finally {
    progress.stop();
  }
}
