import { sql } from 'drizzle-orm';
import type { Actor } from '../access/actor.js';
import { decodeCursor, encodeCursor, invalidCursor } from '../app/cursor.js';
import type { Queryable } from '../app/transaction.js';
import { requireVisibleCustomer } from '../customers/customerService.js';
import {
  churnLevelOf,
  finiteOrNull,
  lifecycleOf,
  roundTo,
  tierOf,
  tierReasons,
  type Coded,
  type DecodedReason,
} from '../grades/gradeCodes.js';
import { loadGradedRuns, type GradedRun } from '../grades/gradedRuns.js';

export interface TimelineQuery {
  limit: number;
  cursor?: string | undefined;
  /** Also dry runs (computed, never published). */
  includeDryRuns?: boolean | undefined;
}

export interface TimelineEntry {
  run: GradedRun;
  tier: Coded;
  computedTier: Coded;
  score: number;
  reasons: DecodedReason[];
  churnRisk: number | null;
  churnLevel: Coded;
  lifecycleStage: Coded;
}

interface TimelineRow extends Record<string, unknown> {
  run_id: string;
  as_of: string;
  tier: number;
  computed_tier: number;
  score: number;
  tier_flags: number;
  churn_risk: number;
  churn_level: number;
  lifecycle: number;
}

/**
 * A customer's grades across runs, newest as-of first (keyset on as-of, run id): every published run
 * (including ones since superseded) and, when asked, dry runs. 404 for a customer outside the caller's scope.
 * Each run's grades sit in its own partition, so the lookup is one primary-key probe per run.
 */
export async function customerTimeline(
  db: Queryable,
  actor: Actor,
  customerId: number,
  query: TimelineQuery,
): Promise<{ items: TimelineEntry[]; nextCursor: string | null }> {
  await requireVisibleCustomer(db, actor, customerId);
  const after = query.cursor === undefined ? undefined : timelineCursor(query.cursor);
  const result = await db.execute<TimelineRow>(sql`
    SELECT r.id AS run_id, r.as_of::text AS as_of, g.tier, g.computed_tier, g.score, g.tier_flags,
           g.churn_risk, g.churn_level, g.lifecycle
    FROM grading_runs r JOIN grades g ON g.run_id = r.id AND g.customer_id = ${customerId}
    WHERE r.status = 'succeeded' AND r.kind IN ('manual', 'scheduled')
      AND (r.published_at IS NOT NULL OR (${query.includeDryRuns === true} AND r.dry_run))
      ${after ? sql`AND (r.as_of, r.id) < (${after.asOf}::date, ${after.runId})` : sql``}
    ORDER BY r.as_of DESC, r.id DESC
    LIMIT ${query.limit + 1}`);
  const rows = result.rows.slice(0, query.limit);
  const runs = await loadGradedRuns(
    db,
    rows.map((row) => Number(row.run_id)),
  );
  const items = rows.flatMap((row): TimelineEntry[] => {
    const run = runs.get(Number(row.run_id));
    if (!run) return [];
    const { model } = run.model;
    return [
      {
        run,
        tier: tierOf(model, row.tier),
        computedTier: tierOf(model, row.computed_tier),
        score: roundTo(row.score, 2),
        reasons: tierReasons(row.tier_flags),
        churnRisk: finiteOrNull(row.churn_risk),
        churnLevel: churnLevelOf(row.churn_level),
        lifecycleStage: lifecycleOf(row.lifecycle),
      },
    ];
  });
  const last = rows.at(-1);
  const nextCursor =
    result.rows.length > query.limit && last ? encodeCursor([last.as_of, Number(last.run_id)]) : null;
  return { items, nextCursor };
}

function timelineCursor(cursor: string): { asOf: string; runId: number } {
  const [asOf, runId] = decodeCursor(cursor);
  if (typeof asOf !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(asOf) || typeof runId !== 'number') {
    throw invalidCursor();
  }
  return { asOf, runId };
}
