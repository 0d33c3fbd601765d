import type pg from 'pg';

/**
 * Each run's grades live in their own partition of `grades`. The run creates a bare table, fills it with
 * COPY, builds its primary key in one pass and attaches it (a CHECK constraint proves the partition bound,
 * so attaching needs no scan). Until attached, nothing reads it; dropping it undoes a failed run.
 */
export function partitionName(runId: number): string {
  if (!Number.isSafeInteger(runId) || runId <= 0) throw new RangeError(`bad run id ${runId}`);
  return `grades_r${runId}`;
}

export async function createRunPartition(client: pg.PoolClient | pg.Client, runId: number): Promise<string> {
  const table = partitionName(runId);
  await client.query(`DROP TABLE IF EXISTS ${table}`);
  await client.query(`CREATE TABLE ${table} (LIKE grades INCLUDING DEFAULTS INCLUDING STORAGE)`);
  return table;
}

export async function attachRunPartition(client: pg.PoolClient | pg.Client, runId: number): Promise<void> {
  const table = partitionName(runId);
  await client.query(`ALTER TABLE ${table} ADD CONSTRAINT ${table}_run CHECK (run_id = ${runId})`);
  await client.query(`ALTER TABLE ${table} ADD PRIMARY KEY (run_id, customer_id)`);
  await client.query(`ALTER TABLE grades ATTACH PARTITION ${table} FOR VALUES IN (${runId})`);
  await client.query(`ANALYZE ${table}`);
}

/** Removes a run's grades whether attached or not. */
export async function dropRunPartition(client: pg.PoolClient | pg.Client, runId: number): Promise<void> {
  await client.query(`DROP TABLE IF EXISTS ${partitionName(runId)}`);
}
