import { dayFromIso, isoFromDay } from '@stratum/core';
import type { Database } from '@stratum/db';
import type { Actor } from '../access/actor.js';
import { DEFAULT_MODEL_KEY, ensureDefaultModel, loadModel, publishedModels } from '../models/modelStore.js';
import type { StoredModel } from '../models/modelStore.js';
import { orgTimeZone } from '../time/OrgTimeZone.js';
import { backtestError } from './backtestErrors.js';
import { createBacktest, type BacktestRow } from './backtestStore.js';

export interface BacktestRequest {
  /** YYYY-MM-DD in the org timezone: grade with what was known through the end of this day. */
  asOf: string;
  /** Days after the as-of date to compare with: (asOf, asOf + horizonDays]. */
  horizonDays: number;
  /** Any model (a draft too: a backtest publishes nothing); default the published default model. */
  modelId?: number | undefined;
}

/** Longest horizon accepted: about ten years. */
export const MAX_HORIZON_DAYS = 3660;

/**
 * Validates a request and records the queued backtest; running it is the caller's (CLI or job worker).
 * The whole horizon must already have happened, both by the calendar and in the data: a horizon running
 * past today or past the latest order would count purchases that could not have been recorded yet as
 * churn.
 */
export async function requestBacktest(
  database: Database,
  actor: Actor,
  timezone: string,
  request: BacktestRequest,
  now = Date.now(),
): Promise<BacktestRow> {
  const { asOf, horizonDays } = request;
  let asOfDay: number;
  try {
    asOfDay = dayFromIso(asOf);
  } catch {
    throw backtestError('BAD_AS_OF', `--as-of must be a calendar date YYYY-MM-DD, not "${asOf}"`);
  }
  if (!(Number.isInteger(horizonDays) && horizonDays >= 1 && horizonDays <= MAX_HORIZON_DAYS)) {
    throw backtestError(
      'BAD_HORIZON',
      `--horizon-days must be a whole number of days from 1 to ${MAX_HORIZON_DAYS}, not ${String(horizonDays)}`,
    );
  }
  const zone = orgTimeZone(timezone);
  const today = zone.dayNumber(now);
  const horizonEnd = asOfDay + horizonDays;
  if (horizonEnd > today) {
    throw backtestError(
      'HORIZON_NOT_OBSERVED',
      `horizon not yet observed: ${asOf} + ${horizonDays} days ends on ${isoFromDay(horizonEnd)}, after today (${isoFromDay(today)}); choose an earlier --as-of or a shorter --horizon-days`,
      { horizonEnd: isoFromDay(horizonEnd), today: isoFromDay(today) },
    );
  }
  const latest = await latestOrderDay(database, zone);
  if (latest === null || horizonEnd > latest) {
    const seen = latest === null ? 'there are no orders yet' : `the latest order is on ${isoFromDay(latest)}`;
    throw backtestError(
      'HORIZON_NOT_OBSERVED',
      `horizon not yet observed: ${asOf} + ${horizonDays} days ends on ${isoFromDay(horizonEnd)}, but ${seen}; choose an earlier --as-of or a shorter --horizon-days`,
      { horizonEnd: isoFromDay(horizonEnd), latestData: latest === null ? null : isoFromDay(latest) },
    );
  }
  const model = await chooseModel(database, actor, request.modelId);
  return createBacktest(database.db, { modelId: model.id, asOf, horizonDays, requestedBy: actor.userId });
}

async function latestOrderDay(
  database: Database,
  zone: ReturnType<typeof orgTimeZone>,
): Promise<number | null> {
  const result = await database.pool.query<{ latest: Date | null }>(
    'SELECT max(ordered_at) AS latest FROM orders',
  );
  const latest = result.rows[0]?.latest;
  return latest ? zone.dayNumber(latest.getTime()) : null;
}

/** The model asked for, else the published default model, else the published fallback (last by precedence). */
async function chooseModel(
  database: Database,
  actor: Actor,
  modelId: number | undefined,
): Promise<StoredModel> {
  if (modelId !== undefined) return loadModel(database.db, modelId);
  await ensureDefaultModel(database.db, actor);
  const published = await publishedModels(database.db);
  const model = published.find((m) => m.key === DEFAULT_MODEL_KEY) ?? published[published.length - 1];
  if (!model) throw backtestError('NO_PUBLISHED_MODEL', 'No grading model is published');
  return model;
}
