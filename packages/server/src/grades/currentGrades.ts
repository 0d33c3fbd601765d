import { sql, type SQL } from 'drizzle-orm';
import { z } from 'zod';
import type { Queryable } from '../app/transaction.js';
import { codedSchema, roundTo, tierOf, type Coded } from './gradeCodes.js';
import type { GradedRun } from './gradedRuns.js';

/**
 * "Current grades" as SQL building blocks. A customer's current grade is its row in the run that
 * grading_current points to for the model family that graded it most recently: with the current runs
 * R1, R2 … (latest published first, `loadCurrentRuns`), a row of R_k is current unless the customer also
 * has a row in an earlier R_j (a customer a newer model took over keeps a stale row in the old family's
 * current run until that family runs again). The run ids are written into the SQL as constants, so
 * PostgreSQL reads only those partitions; with one model family the condition is just `run_id = R1`.
 *
 * `g` names the `grades` row of the surrounding query.
 */
export function currentGradeCondition(runs: readonly GradedRun[], g: SQL = sql`g`): SQL {
  if (runs.length === 0) return sql`false`;
  const parts = runs.map((run, k) => {
    if (k === 0) return sql`${g}.run_id = ${sql.raw(String(run.id))}`;
    const newer = sql.raw(
      runs
        .slice(0, k)
        .map((r) => String(r.id))
        .join(', '),
    );
    return sql`(${g}.run_id = ${sql.raw(String(run.id))} AND NOT EXISTS (
      SELECT 1 FROM grades newer WHERE newer.run_id IN (${newer}) AND newer.customer_id = ${g}.customer_id))`;
  });
  return sql`(${sql.join(parts, sql` OR `)})`;
}

/**
 * "The current grade's final tier is `tierKey`": tier codes differ between model families (each indexes its
 * own model's tiers), so the key is turned into each current run's code here. A key no current model
 * has matches nobody.
 */
export function currentTierCondition(runs: readonly GradedRun[], tierKey: string, g: SQL = sql`g`): SQL {
  const codes = runs.flatMap((run) => {
    const code = run.model.model.tiers.findIndex((t) => t.key === tierKey);
    return code < 0 ? [] : [sql`(${g}.run_id = ${sql.raw(String(run.id))} AND ${g}.tier = ${code})`];
  });
  if (codes.length === 0) return sql`false`;
  return sql`(${sql.join(codes, sql` OR `)}) AND ${currentGradeCondition(runs, g)}`;
}

/** "Customer `customerId` has current tier `tierKey`", for a WHERE on customers (the list's tier filter). */
export function hasCurrentTier(runs: readonly GradedRun[], tierKey: string, customerId: SQL): SQL {
  return sql`${customerId} IN (SELECT g.customer_id FROM grades g WHERE ${currentTierCondition(runs, tierKey)})`;
}

/** What a customer list or page shows of the current grade. */
export interface CurrentGrade {
  readonly runId: number;
  readonly modelKey: string;
  readonly asOf: string;
  readonly tier: Coded;
  readonly computedTier: Coded;
  /** 0–100, two decimals (as the explanation shows it). */
  readonly score: number;
}

export const currentGradeSchema = z
  .object({
    runId: z.number().int(),
    modelKey: z.string(),
    asOf: z.string(),
    tier: codedSchema,
    computedTier: codedSchema.describe('What the model computed; differs from tier under an override'),
    score: z.number(),
  })
  .describe('CurrentGrade');

/** The current grade of each of `customerIds` (a page of a list): one indexed lookup per customer. */
export async function currentGradesOf(
  db: Queryable,
  runs: readonly GradedRun[],
  customerIds: readonly number[],
): Promise<Map<number, CurrentGrade>> {
  const out = new Map<number, CurrentGrade>();
  if (runs.length === 0 || customerIds.length === 0) return out;
  const ids = sql.join(
    customerIds.map((id) => sql`${id}`),
    sql`, `,
  );
  const result = await db.execute<{
    customer_id: string;
    run_id: string;
    tier: number;
    computed_tier: number;
    score: number;
  }>(sql`SELECT g.customer_id, g.run_id, g.tier, g.computed_tier, g.score FROM grades g
    WHERE g.customer_id IN (${ids}) AND ${currentGradeCondition(runs)}`);
  const byId = new Map(runs.map((run) => [run.id, run]));
  for (const row of result.rows) {
    const run = byId.get(Number(row.run_id));
    if (!run) continue;
    out.set(Number(row.customer_id), {
      runId: run.id,
      modelKey: run.model.key,
      asOf: run.asOf,
      tier: tierOf(run.model.model, row.tier),
      computedTier: tierOf(run.model.model, row.computed_tier),
      score: roundTo(row.score, 2),
    });
  }
  return out;
}
