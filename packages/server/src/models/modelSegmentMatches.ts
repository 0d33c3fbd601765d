import type { ModelSegment } from '@stratum/core';
import type { Db } from '@stratum/db';
import { sql } from 'drizzle-orm';
import { segmentCondition } from './modelCoverage.js';

/**
 * Customers (not deleted) each segment matches on its own, before precedence: compared with what a model
 * grades after precedence, it shows the overlap an editor must know about ("this segment also matches 120
 * customers the industry model already takes"). One aggregate with a FILTER per segment.
 */
export async function countSegmentMatches(
  db: Db,
  segments: readonly (ModelSegment | undefined)[],
): Promise<number[]> {
  if (segments.length === 0) return [];
  const columns = segments.map(
    (segment, k) => sql`count(*) FILTER (WHERE ${segmentCondition(segment)}) AS ${sql.identifier(`m${k}`)}`,
  );
  const result = await db.execute<Record<string, string>>(
    sql`SELECT ${sql.join(columns, sql`, `)} FROM customers c WHERE c.deleted_at IS NULL`,
  );
  const row = result.rows[0] ?? {};
  return segments.map((_, k) => Number(row[`m${k}`] ?? 0));
}
