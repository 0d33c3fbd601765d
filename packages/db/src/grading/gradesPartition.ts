import type pg from 'pg';
import { inTransaction } from '../transaction.js';

/**
 * Each run's grades live in their own partition of `grades`. The run creates a bare table, fills it with
 * COPY, builds its primary key in one pass and attaches it (a CHECK constraint, there from the start, proves
 * the partition bound, so attaching needs no scan). Until attached, nothing reads it; dropping it undoes a failed run.
 */
export function partitionName(runId: number): string {
  if (!Number.isSafeInteger(runId) || runId <= 0) throw new RangeError(`bad run id ${runId}`);
  return `grades_r${runId}`;
}

export async function createRunPartition(client: pg.PoolClient | pg.Client, runId: number): Promise<string> {
  const table = partitionName(runId);
  await client.query(`DROP TABLE IF EXISTS ${table}`);
  // The CHECK that proves the partition bound is there from the start: COPY checks it per row as it
  // writes, instead of ALTER … ADD CONSTRAINT reading the whole table again afterwards.
  await client.query(
    `CREATE TABLE ${table} (LIKE grades INCLUDING DEFAULTS INCLUDING STORAGE,
       CONSTRAINT ${table}_run CHECK (run_id = ${runId}))`,
  );
  // No statistics on the explanation blobs: nothing filters or joins on them, and sampling them is
  // most of what ANALYZE of the partition costs.
  await client.query(`ALTER TABLE ${table} ALTER COLUMN "explain" SET STATISTICS 0`);
  return table;
}

export async function attachRunPartition(client: pg.PoolClient | pg.Client, runId: number): Promise<void> {
  const table = partitionName(runId);
  await client.query(`ALTER TABLE ${table} ADD PRIMARY KEY (run_id, customer_id)`);
  await client.query(`ALTER TABLE grades ATTACH PARTITION ${table} FOR VALUES IN (${runId})`);
  // Statistics for the planner from a small sample: the columns queries filter on hold a handful of
  // codes (tier, churn level, lifecycle …), which 3,000 rows describe as well as the default 30,000.
  await inTransaction(client, async () => {
    await client.query('SET LOCAL default_statistics_target = 10');
    await client.query(`ANALYZE ${table}`);
  });
}

/** Removes a run's grades whether attached or not. */
export async function dropRunPartition(client: pg.PoolClient | pg.Client, runId: number): Promise<void> {
  await client.query(`DROP TABLE IF EXISTS ${partitionName(runId)}`);
}
