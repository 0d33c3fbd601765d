import { sql, type SQL } from 'drizzle-orm';
import type { GradedRun } from './gradedRuns.js';

/**
 * SQL for "the tier users see now" of the customer whose id is `customerId` (a column of the surrounding
 * query), with the same meaning as overrides/currentTier.ts: the grade of the most recently published
 * current run of a family that still has a published model, and over it an approved override of that
 * family whose last day is not before `today`. Null when no current run graded the customer.
 *
 * `runs` are the current runs (loadCurrentRuns): their ids and tier keys are written into the SQL as
 * constants, so PostgreSQL probes only those partitions and never reads a model document per row. The
 * lookup is correlated per customer (a few primary-key probes), so a filtered list page reads only the
 * customers it walks through instead of ranking every current grade first.
 */
export function currentTierKey(runs: readonly GradedRun[], customerId: SQL, today: string): SQL {
  if (runs.length === 0) return sql`NULL::text`;
  const ids = sql.raw(runs.map((run) => String(run.id)).join(', '));
  const computed = sql.join(
    runs.map(
      (run) =>
        sql`WHEN ${sql.raw(String(run.id))} THEN (ARRAY[${sql.join(
          run.model.model.tiers.map((tier) => sql`${tier.key}`),
          sql`, `,
        )}]::text[])[g.computed_tier + 1]`,
    ),
    sql` `,
  );
  return sql`(SELECT coalesce(
      (SELECT o.tier FROM overrides o
       WHERE o.customer_id = ${customerId} AND o.model_key = gc.model_key AND o.status = 'approved'
         AND o.expires_on >= ${today}::date
       ORDER BY o.id DESC LIMIT 1),
      CASE gc.run_id ${computed} END)
    FROM grading_current gc
    JOIN grading_models pm ON pm.key = gc.model_key AND pm.status = 'published'
    JOIN grades g ON g.run_id = gc.run_id AND g.customer_id = ${customerId}
    WHERE gc.run_id IN (${ids}) AND g.run_id IN (${ids})
    ORDER BY gc.published_at DESC, gc.run_id DESC
    LIMIT 1)`;
}

/** "The customer's current tier is one of `tierKeys`" (the customer list's tier filter). */
export function currentTierIn(
  runs: readonly GradedRun[],
  customerId: SQL,
  tierKeys: readonly string[],
  today: string,
): SQL {
  if (runs.length === 0 || tierKeys.length === 0) return sql`false`;
  return sql`${currentTierKey(runs, customerId, today)} = ANY(${sql.param([...tierKeys])}::text[])`;
}
