import { alignById, readRunGrades, type RunGrades } from '@stratum/db';
import type pg from 'pg';
import type { Queryable } from '../app/transaction.js';
import type { PreviousRun } from '../grading/previousGrades.js';
import { loadCurrentRuns } from '../grades/gradedRuns.js';

/**
 * The current published grade of each previewed customer, whichever model family graded it: a preview is
 * compared with what the customer's page shows today. As in grades/currentGrades.ts, the most recently
 * published family that graded a customer wins (a customer a newer model took over keeps a stale row in
 * the old family's current run until that family runs again). Tier keys, not codes: families differ.
 */
export interface CurrentTiers {
  /** Tier keys of `keyIndex` (every key any current run uses for these customers, first seen first). */
  keys: string[];
  /** Per customer (aligned with the preview's ids), index into `keys`; −1: no current grade. */
  keyIndex: Int32Array;
  /** Current score (0–100), NaN without a current grade. */
  score: Float64Array;
}

export async function readCurrentTiers(
  db: Queryable,
  client: pg.PoolClient,
  ids: Float64Array,
  /** The family's previous run as the evaluation already read it: not read twice. */
  previous: PreviousRun | undefined,
): Promise<CurrentTiers> {
  const n = ids.length;
  const keyIndex = new Int32Array(n).fill(-1);
  const score = new Float64Array(n).fill(Number.NaN);
  const keys: string[] = [];
  const codeOf = new Map<string, number>();
  for (const run of await loadCurrentRuns(db)) {
    const grades: RunGrades =
      previous?.runId === run.id ? previous.grades : await readRunGrades(client, run.id);
    const rowOf = alignById(ids, grades.ids);
    const runKeys = run.model.model.tiers.map((tier) => {
      let code = codeOf.get(tier.key);
      if (code === undefined) {
        code = keys.length;
        keys.push(tier.key);
        codeOf.set(tier.key, code);
      }
      return code;
    });
    for (let i = 0; i < n; i++) {
      const row = rowOf[i]!;
      if (row < 0 || keyIndex[i]! >= 0) continue;
      keyIndex[i] = runKeys[grades.tier[row]!] ?? -1;
      score[i] = grades.score[row]!;
    }
  }
  return { keys, keyIndex, score };
}
