import type { ModelSegment } from '@stratum/core';
import { gradingModels, type Db } from '@stratum/db';
import { eq, sql, type SQL } from 'drizzle-orm';
import type { Actor } from '../access/actor.js';
import { commonError } from '../errors/appError.js';
import { getModelRow } from './modelQueries.js';
import { ensureDefaultModel, type ModelRow } from './modelStore.js';

/**
 * How many current customers each model of the published set (or of a proposed set, where given versions
 * take their families' places) would grade, and how many none. Segments only test customer attributes
 * (industry, region, market position, employees, company revenue), so this is one aggregate over the
 * customers table with the precedence as a CASE — the same decision as grading/segments.ts makes on the
 * extracted features (a test holds the two equal), at a fraction of the cost (see bench/whatif).
 */
export interface Coverage {
  total: number;
  ungraded: number;
  models: { model: ModelRow; customers: number }[];
}

export async function modelCoverage(
  db: Db,
  actor: Actor,
  proposedIds: readonly number[] = [],
): Promise<Coverage> {
  await ensureDefaultModel(db, actor);
  const proposed: ModelRow[] = [];
  for (const id of proposedIds) proposed.push(await getModelRow(db, id));
  const families = new Set(proposed.map((m) => m.key));
  if (families.size !== proposed.length) {
    throw commonError('VALIDATION_FAILED', 'Propose at most one version per model family', [
      { in: 'querystring', path: 'with', message: 'two versions of the same family' },
    ]);
  }
  const published = await db.select().from(gradingModels).where(eq(gradingModels.status, 'published'));
  const set = [...published.filter((m) => !families.has(m.key)), ...proposed].sort(
    (a, b) => a.priority - b.priority || a.id - b.id,
  );
  const counts = await countBySegments(
    db,
    set.map((m) => (m.document as { segment?: ModelSegment }).segment),
  );
  return {
    total: counts.total,
    ungraded: counts.ungraded,
    models: set.map((model, k) => ({ model, customers: counts.perModel[k]! })),
  };
}

/** Customers (not deleted) per first matching segment, in the given (precedence) order. */
export async function countBySegments(
  db: Db,
  segments: readonly (ModelSegment | undefined)[],
): Promise<{ total: number; ungraded: number; perModel: number[] }> {
  const whens = segments.map((segment, k) => sql`WHEN ${segmentCondition(segment)} THEN ${k}::int`);
  const owner = whens.length > 0 ? sql`CASE ${sql.join(whens, sql` `)} ELSE -1 END` : sql`-1`;
  const result = await db.execute<{ k: number; n: string }>(
    sql`SELECT ${owner} AS k, count(*) AS n FROM customers c WHERE c.deleted_at IS NULL GROUP BY 1`,
  );
  const perModel = segments.map(() => 0);
  let ungraded = 0;
  let total = 0;
  for (const row of result.rows) {
    const n = Number(row.n);
    total += n;
    if (Number(row.k) < 0) ungraded += n;
    else perModel[Number(row.k)] = n;
  }
  return { total, ungraded, perModel };
}

/** The SQL twin of segments.ts's matcher: all given filters hold; a missing value is outside any range. */
export function segmentCondition(segment: ModelSegment | undefined): SQL {
  if (!segment) return sql`true`;
  const parts: SQL[] = [];
  const oneOf = (column: SQL, values: readonly string[]) =>
    sql`${column} IN (${sql.join(
      values.map((v) => sql`${v}`),
      sql`, `,
    )})`;
  if (segment.industries?.length) parts.push(oneOf(sql`c.industry`, segment.industries));
  if (segment.regions?.length) parts.push(oneOf(sql`c.region`, segment.regions));
  if (segment.marketPositions?.length) parts.push(oneOf(sql`c.market_position`, segment.marketPositions));
  if (segment.employees) parts.push(inRange(sql`c.employees`, segment.employees));
  if (segment.companyRevenue) parts.push(inRange(sql`c.company_revenue`, segment.companyRevenue));
  return parts.length === 0 ? sql`true` : sql`(${sql.join(parts, sql` AND `)})`;
}

function inRange(column: SQL, range: { min?: number | undefined; max?: number | undefined }): SQL {
  const parts: SQL[] = [sql`${column} IS NOT NULL`];
  if (range.min !== undefined) parts.push(sql`${column} >= ${range.min}::numeric`);
  if (range.max !== undefined) parts.push(sql`${column} <= ${range.max}::numeric`);
  return sql.join(parts, sql` AND `);
}
