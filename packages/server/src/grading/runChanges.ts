import { CHURN_LEVEL, type GradeResult, type GradingModel } from '@stratum/core';
import { writeBinaryCopy } from '@stratum/db';
import type pg from 'pg';
import type { PreviousRun } from './previousGrades.js';

/**
 * What changed against the previous published run: final tier moves (stored in tier_changes, which the
 * history, movers and Sankey views read) and customers newly at high churn risk. A first run of a model
 * family has nothing to compare with and reports no changes (no flood of "new" events).
 */
export interface RunChanges {
  tierChanges: number;
  promoted: number;
  demoted: number;
  newHighChurn: { ids: number[]; risk: number[]; flags: number[] };
}

export async function writeRunChanges(
  client: pg.PoolClient,
  runId: number,
  model: GradingModel,
  result: GradeResult,
  previous: PreviousRun | undefined,
): Promise<RunChanges> {
  const changes: RunChanges = {
    tierChanges: 0,
    promoted: 0,
    demoted: 0,
    newHighChurn: { ids: [], risk: [], flags: [] },
  };
  if (!previous) return changes;
  const n = result.ids.length;
  const indexOfKey = new Map(model.tiers.map((tier, index) => [tier.key, index]));
  const changed: number[] = [];
  const fromKeys: string[] = [];
  const directions: number[] = [];
  for (let i = 0; i < n; i++) {
    const row = previous.rowOf[i]!;
    if (row < 0) continue;
    if (result.churn.level[i] === CHURN_LEVEL.high && previous.grades.churnLevel[row] !== CHURN_LEVEL.high) {
      changes.newHighChurn.ids.push(result.ids[i]!);
      changes.newHighChurn.risk.push(result.churn.risk[i]!);
      changes.newHighChurn.flags.push(result.churn.flags[i]!);
    }
    const fromKey = previous.tierKeys[previous.grades.tier[row]!] ?? '?';
    const to = result.tiers.tier[i]!;
    if (fromKey === model.tiers[to]!.key) continue;
    const fromIndex = indexOfKey.get(fromKey);
    const direction = fromIndex === undefined ? 0 : fromIndex > to ? 1 : -1;
    if (direction > 0) changes.promoted++;
    if (direction < 0) changes.demoted++;
    changed.push(i);
    fromKeys.push(fromKey);
    directions.push(direction);
  }
  changes.tierChanges = changed.length;
  await writeBinaryCopy(
    client,
    'COPY tier_changes (run_id, customer_id, from_tier, to_tier, from_score, to_score, reasons, direction) FROM STDIN (FORMAT binary)',
    changed.length,
    (e, k) => {
      const i = changed[k]!;
      const row = previous.rowOf[i]!;
      e.row(8)
        .int8(runId)
        .int8(result.ids[i]!)
        .text(fromKeys[k]!)
        .text(model.tiers[result.tiers.tier[i]!]!.key)
        .float4(previous.grades.score[row]!)
        .float4(result.scorecard.score[i]!)
        .int4(result.tiers.flags[i]!)
        .int2(directions[k]!);
    },
  );
  return changes;
}
