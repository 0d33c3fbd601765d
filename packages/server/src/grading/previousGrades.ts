import type { GradingModel, PreviousGrades, TierOverride } from '@stratum/core';
import { alignById, readRunGrades, type RunGrades } from '@stratum/db';
import type pg from 'pg';

/**
 * What the previous published run of the same model family says about each customer of this run:
 * its tiers (by key: a new model version may reorder or rename tiers), when it entered its computed tier,
 * and its churn level. The base for hysteresis, tier changes and "new high churn warning" events.
 */
export interface PreviousRun {
  runId: number;
  /** Tier keys of the previous run's model, by its tier index. */
  tierKeys: string[];
  grades: RunGrades;
  /** Row in `grades` of each customer of this run (−1: not graded then). */
  rowOf: Int32Array;
}

/**
 * The family's current published run and its grades, before they are aligned with a run's customers (runs
 * and previews read this while they extract the features, and align afterwards).
 */
export async function readFamilyRun(
  client: pg.PoolClient,
  modelKey: string,
): Promise<Omit<PreviousRun, 'rowOf'> | undefined> {
  const current = await client.query<{ run_id: string; document: { tiers: { key: string }[] } }>(
    `SELECT c.run_id, m.document
     FROM grading_current c JOIN grading_runs r ON r.id = c.run_id JOIN grading_models m ON m.id = r.model_id
     WHERE c.model_key = $1`,
    [modelKey],
  );
  const row = current.rows[0];
  if (!row) return undefined;
  const runId = Number(row.run_id);
  return {
    runId,
    tierKeys: row.document.tiers.map((t) => t.key),
    grades: await readRunGrades(client, runId),
  };
}

/** The previous computed tiers in terms of the new model's tier indexes (−1 where unknown). */
export function previousForHysteresis(
  model: GradingModel,
  previous: PreviousRun | undefined,
  n: number,
): PreviousGrades | undefined {
  if (!previous) return undefined;
  const indexOfKey = new Map(model.tiers.map((tier, index) => [tier.key, index]));
  const tier = new Int32Array(n).fill(-1);
  const sinceDay = new Float64Array(n).fill(Number.NaN);
  for (let i = 0; i < n; i++) {
    const row = previous.rowOf[i]!;
    if (row < 0) continue;
    const key = previous.tierKeys[previous.grades.computedTier[row]!];
    tier[i] = key === undefined ? -1 : (indexOfKey.get(key) ?? -1);
    sinceDay[i] = previous.grades.tierSince[row]!;
  }
  return { tier, sinceDay };
}

/** Day each customer entered its computed tier: unchanged tier keeps the old day, a change starts today. */
export function tierSinceDays(
  model: GradingModel,
  computedTier: Uint8Array,
  previous: PreviousRun | undefined,
  asOfDay: number,
): Float64Array {
  const since = new Float64Array(computedTier.length).fill(asOfDay);
  if (!previous) return since;
  for (let i = 0; i < since.length; i++) {
    const row = previous.rowOf[i]!;
    if (row < 0) continue;
    const before = previous.tierKeys[previous.grades.computedTier[row]!];
    const oldSince = previous.grades.tierSince[row]!;
    if (before === model.tiers[computedTier[i]!]?.key && !Number.isNaN(oldSince)) since[i] = oldSince;
  }
  return since;
}

/** Approved overrides of this model family active on the as-of day, as rows of this run. */
export async function activeOverrides(
  client: pg.PoolClient,
  model: GradingModel,
  modelKey: string,
  ids: Float64Array,
  asOf: string,
): Promise<TierOverride[]> {
  const result = await client.query<{ customer_id: string; tier: string; until_day: number }>(
    `SELECT customer_id, tier, (expires_on - DATE '1970-01-01') AS until_day
     FROM overrides
     WHERE model_key = $1 AND status = 'approved' AND expires_on >= $2::date
     ORDER BY customer_id`,
    [modelKey, asOf],
  );
  if (result.rows.length === 0) return [];
  const customerIds = Float64Array.from(result.rows, (r) => Number(r.customer_id));
  const rowOf = alignById(customerIds, ids);
  const indexOfKey = new Map(model.tiers.map((tier, index) => [tier.key, index]));
  const overrides: TierOverride[] = [];
  result.rows.forEach((r, k) => {
    const row = rowOf[k]!;
    const tier = indexOfKey.get(r.tier);
    // A customer outside this run, or a tier the model no longer has, cannot be overridden here.
    if (row >= 0 && tier !== undefined) overrides.push({ row, tier, untilDay: r.until_day });
  });
  return overrides;
}
