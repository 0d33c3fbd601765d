import { idOrder } from '@stratum/core';
import type pg from 'pg';
import { int8At, PG_EPOCH_DAYS, readBinaryCopy } from '../copy/binaryCopyReader.js';
import { partitionName } from './gradesPartition.js';

/** The columns of a past run a new run compares itself with (hysteresis, tier changes, new warnings). */
export interface RunGrades {
  /** Ascending customer ids. */
  ids: Float64Array;
  tier: Int16Array;
  computedTier: Int16Array;
  /** Day the customer entered its computed tier (NaN = unknown). */
  tierSince: Float64Array;
  score: Float64Array;
  churnLevel: Int16Array;
}

export async function readRunGrades(client: pg.PoolClient | pg.Client, runId: number): Promise<RunGrades> {
  // A finished run knows its size; count the partition only for one that does not (no count(*) pass).
  const known = await client.query<{ n: number | null }>(
    'SELECT customers AS n FROM grading_runs WHERE id = $1',
    [runId],
  );
  const n =
    known.rows[0]?.n ??
    Number(
      (await client.query<{ n: string }>(`SELECT count(*) AS n FROM ${partitionName(runId)}`)).rows[0]?.n ??
        0,
    );
  const out: RunGrades = {
    ids: new Float64Array(n),
    tier: new Int16Array(n),
    computedTier: new Int16Array(n),
    tierSince: new Float64Array(n),
    score: new Float64Array(n),
    churnLevel: new Int16Array(n),
  };
  let i = 0;
  // No ORDER BY: a run's partition is written in id order, so a plain scan returns it sorted (the sort
  // of a million rows would spill to disk). A scan may still start mid-table (synchronised scans), so
  // the order is checked and restored here when needed.
  await readBinaryCopy(
    client,
    `SELECT customer_id, tier, computed_tier, tier_since, score::float8, churn_level
     FROM ${partitionName(runId)}`,
    (_buffer, offsets, _lengths, view) => {
      if (i >= n) return;
      out.ids[i] = int8At(view, offsets[0]!);
      out.tier[i] = view.getInt16(offsets[1]!);
      out.computedTier[i] = view.getInt16(offsets[2]!);
      out.tierSince[i] = offsets[3]! < 0 ? Number.NaN : view.getInt32(offsets[3]!) + PG_EPOCH_DAYS;
      out.score[i] = view.getFloat64(offsets[4]!);
      out.churnLevel[i] = view.getInt16(offsets[5]!);
      i++;
    },
  );
  return inIdOrder(i === n ? out : truncate(out, i));
}

function inIdOrder(grades: RunGrades): RunGrades {
  const order = idOrder(grades.ids);
  if (order.every((row, k) => row === k)) return grades;
  return {
    ids: grades.ids.map((_, k) => grades.ids[order[k]!]!),
    tier: grades.tier.map((_, k) => grades.tier[order[k]!]!),
    computedTier: grades.computedTier.map((_, k) => grades.computedTier[order[k]!]!),
    tierSince: grades.tierSince.map((_, k) => grades.tierSince[order[k]!]!),
    score: grades.score.map((_, k) => grades.score[order[k]!]!),
    churnLevel: grades.churnLevel.map((_, k) => grades.churnLevel[order[k]!]!),
  };
}

/** The first `n` rows (customers deleted while the partition was read cannot happen; this is a guard). */
function truncate(grades: RunGrades, n: number): RunGrades {
  return {
    ids: grades.ids.subarray(0, n),
    tier: grades.tier.subarray(0, n),
    computedTier: grades.computedTier.subarray(0, n),
    tierSince: grades.tierSince.subarray(0, n),
    score: grades.score.subarray(0, n),
    churnLevel: grades.churnLevel.subarray(0, n),
  };
}

/**
 * For each id of `ids` (ascending), the row of the same customer in `previous` (ascending), or −1.
 * A merge of two sorted lists: O(n), no hash map of a million entries.
 */
export function alignById(ids: Float64Array, previous: Float64Array): Int32Array {
  const rows = new Int32Array(ids.length).fill(-1);
  let j = 0;
  for (let i = 0; i < ids.length; i++) {
    const id = ids[i]!;
    while (j < previous.length && previous[j]! < id) j++;
    if (j < previous.length && previous[j] === id) rows[i] = j;
  }
  return rows;
}
