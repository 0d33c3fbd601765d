import type pg from 'pg';
import { binary, readBinaryCopy } from '../copy/binaryCopyReader.js';
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
  const count = await client.query<{ n: string }>(`SELECT count(*) AS n FROM ${partitionName(runId)}`);
  const n = Number(count.rows[0]?.n ?? 0);
  const out: RunGrades = {
    ids: new Float64Array(n),
    tier: new Int16Array(n),
    computedTier: new Int16Array(n),
    tierSince: new Float64Array(n),
    score: new Float64Array(n),
    churnLevel: new Int16Array(n),
  };
  let i = 0;
  await readBinaryCopy(
    client,
    `SELECT customer_id, tier, computed_tier, tier_since, score::float8, churn_level
     FROM ${partitionName(runId)} ORDER BY customer_id`,
    (buffer, offsets) => {
      if (i >= n) return;
      out.ids[i] = binary.int8(buffer, offsets[0]!);
      out.tier[i] = binary.int2(buffer, offsets[1]!);
      out.computedTier[i] = binary.int2(buffer, offsets[2]!);
      out.tierSince[i] = offsets[3]! < 0 ? Number.NaN : binary.date(buffer, offsets[3]!);
      out.score[i] = binary.float8(buffer, offsets[4]!);
      out.churnLevel[i] = binary.int2(buffer, offsets[5]!);
      i++;
    },
  );
  return out;
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
