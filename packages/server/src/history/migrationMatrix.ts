import { sql, type SQL } from 'drizzle-orm';
import type { Actor } from '../access/actor.js';
import { customerIdScopeCondition } from '../access/customerScope.js';
import type { Queryable } from '../app/transaction.js';
import { tierOf, type Coded } from '../grades/gradeCodes.js';
import { requireGradedRun, type GradedRun } from '../grades/gradedRuns.js';

/** One from → to cell; a null tier means "not graded in that run". */
export interface MigrationCell {
  from: string | null;
  to: string | null;
  customers: number;
  /** Σ revenue in the `to` run's window (decimal string; "0.00" where not graded in `to`). */
  revenue: string;
  /** Σ revenue in the `from` run's window, for the customers who left ("0.00" where not graded in `from`). */
  fromRevenue: string;
}

export interface MigrationSide {
  run: GradedRun;
  tiers: Coded[];
  /** Customers of the caller's scope graded in this run. */
  customers: number;
}

export interface MigrationMatrix {
  from: MigrationSide;
  to: MigrationSide;
  /** Every cell of (from tiers + not graded) × (to tiers + not graded), except not graded → not graded. */
  cells: MigrationCell[];
  /** Customers graded in either run. */
  customers: number;
}

interface CellRow extends Record<string, unknown> {
  from_tier: number | null;
  to_tier: number | null;
  customers: string;
  revenue: string;
  from_revenue: string;
}

/**
 * How customers moved between two runs: counts and revenue per from → to tier cell, for the Sankey.
 * One SQL aggregate over a full join of the two runs' partitions (no row leaves the database); the
 * caller's scope filters both sides before the join, so an account manager's matrix counts only their
 * customers. Customers deleted since stay counted: the runs graded them.
 */
export async function migrationMatrix(
  db: Queryable,
  actor: Actor,
  fromRunId: number,
  toRunId: number,
): Promise<MigrationMatrix> {
  const from = await requireGradedRun(db, fromRunId);
  const to = fromRunId === toRunId ? from : await requireGradedRun(db, toRunId);
  const side = (run: GradedRun): SQL =>
    sql`SELECT customer_id, tier, revenue_cents FROM grades
        WHERE run_id = ${sql.raw(String(run.id))} AND ${customerIdScopeCondition(actor, sql`customer_id`)}`;
  const result = await db.execute<CellRow>(sql`
    SELECT f.tier AS from_tier, t.tier AS to_tier, count(*) AS customers,
           (coalesce(sum(t.revenue_cents), 0) / 100.0)::numeric(20, 2)::text AS revenue,
           (coalesce(sum(f.revenue_cents), 0) / 100.0)::numeric(20, 2)::text AS from_revenue
    FROM (${side(from)}) f FULL JOIN (${side(to)}) t ON t.customer_id = f.customer_id
    GROUP BY f.tier, t.tier`);

  const fromTiers = from.model.model.tiers.map((_, code) => tierOf(from.model.model, code));
  const toTiers = to.model.model.tiers.map((_, code) => tierOf(to.model.model, code));
  const found = new Map(result.rows.map((row) => [`${row.from_tier}:${row.to_tier}`, row]));
  const cells: MigrationCell[] = [];
  const fromCodes = [...fromTiers.keys(), null];
  const toCodes = [...toTiers.keys(), null];
  let fromCustomers = 0;
  let toCustomers = 0;
  let customers = 0;
  for (const f of fromCodes) {
    for (const t of toCodes) {
      if (f === null && t === null) continue;
      const row = found.get(`${f}:${t}`);
      const count = Number(row?.customers ?? 0);
      cells.push({
        from: f === null ? null : fromTiers[f]!.key,
        to: t === null ? null : toTiers[t]!.key,
        customers: count,
        revenue: row?.revenue ?? '0.00',
        fromRevenue: row?.from_revenue ?? '0.00',
      });
      customers += count;
      if (f !== null) fromCustomers += count;
      if (t !== null) toCustomers += count;
    }
  }
  return {
    from: { run: from, tiers: fromTiers, customers: fromCustomers },
    to: { run: to, tiers: toTiers, customers: toCustomers },
    cells,
    customers,
  };
}
