import { readExplainBlob } from '@stratum/db';
import { sql } from 'drizzle-orm';
import type { Actor } from '../access/actor.js';
import type { Queryable } from '../app/transaction.js';
import { requireVisibleCustomer } from '../customers/customerService.js';
import { currentGradeCondition } from '../grades/currentGrades.js';
import { gradeError } from '../grades/gradeErrors.js';
import { loadCurrentRuns, requireGradedRun, type GradedRun } from '../grades/gradedRuns.js';
import {
  buildExplanation,
  type GradeExplanation,
  type GradeRow,
  type OverrideRow,
} from './buildExplanation.js';

/**
 * Explains a customer's grade in a run (default: its current grade): everything the customer's page and
 * the score waterfall show. 404 for a customer outside the caller's scope or not graded in that run.
 */
export async function explainGrade(
  db: Queryable,
  actor: Actor,
  customerId: number,
  runId?: number,
): Promise<GradeExplanation> {
  const customer = await requireVisibleCustomer(db, actor, customerId);
  let runs: GradedRun[];
  if (runId === undefined) {
    runs = await loadCurrentRuns(db);
    if (runs.length === 0) throw notGraded(customerId, 'no grading run has been published yet');
  } else {
    runs = [await requireGradedRun(db, runId)];
  }
  const which = runId === undefined ? currentGradeCondition(runs) : sql`g.run_id = ${sql.raw(String(runId))}`;
  const result = await db.execute<GradeRow>(sql`
    SELECT g.run_id, g.score, g.tier, g.computed_tier, g.tier_since::text AS tier_since, g.tier_flags,
           g.rule_index, g.abc, g.rfm_r, g.rfm_f, g.rfm_m, g.rfm_segment, g.lifecycle, g.lifecycle_phase,
           g.p_alive, g.expected_purchases, g.clv_historical_cents::text AS clv_historical_cents,
           g.clv_predicted_cents::text AS clv_predicted_cents, g.revenue_cents::text AS revenue_cents,
           g.churn_risk, g.churn_level, g.churn_flags, g.importance, g.demand, g.contribution,
           g.growth_potential, g.industry_position, g.portfolio, g.explain
    FROM grades g WHERE g.customer_id = ${customerId} AND ${which}`);
  const row = result.rows[0];
  if (!row) {
    throw notGraded(
      customerId,
      runId === undefined ? 'it has no current grade' : `run ${runId} did not grade it`,
    );
  }
  const run = runs.find((r) => r.id === Number(row.run_id))!;
  const override = await overrideOf(db, customerId, run);
  return buildExplanation(customer, run, row, readExplainBlob(row.explain), override);
}

function notGraded(customerId: number, why: string) {
  return gradeError('GRADE_NOT_FOUND', `Customer ${customerId} has no grade: ${why}`);
}

/**
 * The override of this customer and model family worth showing beside the run's grade: the one the run
 * applied when it applied one, else the latest approved, pending or expired one. `active` says whether it
 * covers the run's as-of day.
 */
async function overrideOf(
  db: Queryable,
  customerId: number,
  run: GradedRun,
): Promise<OverrideRow | undefined> {
  const result = await db.execute<OverrideRow>(sql`
    SELECT o.id, o.tier, o.status, o.reason, o.expires_on::text AS expires_on, o.requested_by, o.decided_by,
           o.requested_at, o.decided_at,
           (o.status = 'approved' AND o.expires_on >= ${run.asOf}::date) AS active
    FROM overrides o
    WHERE o.customer_id = ${customerId} AND o.model_key = ${run.model.key}
      AND o.status IN ('approved', 'pending', 'expired')
    ORDER BY (o.status = 'approved' AND o.expires_on >= ${run.asOf}::date) DESC, o.requested_at DESC, o.id DESC
    LIMIT 1`);
  return result.rows[0];
}
