import { TIER_REASON } from '@stratum/core';
import { sql } from 'drizzle-orm';
import type { Actor } from '../access/actor.js';
import { customerScopeCondition } from '../access/customerScope.js';
import { decodeCursor, encodeCursor, invalidCursor } from '../app/cursor.js';
import type { Queryable } from '../app/transaction.js';
import {
  roundTo,
  tierByKey,
  tierKeys,
  tierReasons,
  type Coded,
  type DecodedReason,
} from '../grades/gradeCodes.js';
import { requireGradedRun, type GradedRun } from '../grades/gradedRuns.js';

/**
 * promoted / demoted: the final tier moved up or down against the previous published grade (tier_changes);
 * new: graded for the first time by this model family; changed: moved between tiers the two model
 * versions do not both have, so neither up nor down can be said.
 */
export const MOVER_DIRECTIONS = ['promoted', 'demoted', 'new', 'changed'] as const;
export type MoverDirection = (typeof MOVER_DIRECTIONS)[number];

export interface MoversQuery {
  limit: number;
  cursor?: string | undefined;
  direction?: MoverDirection | undefined;
  /** Tier moved into. */
  tier?: string | undefined;
  /** Tier moved out of. */
  fromTier?: string | undefined;
}

export interface Mover {
  customer: { id: number; externalId: string; name: string };
  direction: MoverDirection;
  fromTier: Coded | null;
  toTier: Coded;
  fromScore: number | null;
  toScore: number;
  reasons: DecodedReason[];
}

interface MoverRow extends Record<string, unknown> {
  customer_id: string;
  external_id: string;
  name: string;
  direction: MoverDirection;
  from_tier: string | null;
  to_tier: string;
  from_score: number | null;
  to_score: number;
  reasons: number;
}

/**
 * The customers whose tier a run changed, with the reasons, in customer-id order (keyset). Only customers
 * in the caller's scope are listed: the scope is part of the query.
 */
export async function runMovers(
  db: Queryable,
  actor: Actor,
  runId: number,
  query: MoversQuery,
): Promise<{ run: GradedRun; items: Mover[]; nextCursor: string | null }> {
  const run = await requireGradedRun(db, runId);
  const id = sql.raw(String(run.id));
  const keys = sql.join(
    tierKeys(run.model.model).map((key) => sql`${key}`),
    sql`, `,
  );
  const filters = [
    query.direction ? sql`m.direction = ${query.direction}` : undefined,
    query.tier ? sql`m.to_tier = ${query.tier}` : undefined,
    query.fromTier ? sql`m.from_tier = ${query.fromTier}` : undefined,
    query.cursor === undefined ? undefined : sql`m.customer_id > ${afterCustomer(query.cursor)}`,
  ].filter((f) => f !== undefined);
  const result = await db.execute<MoverRow>(sql`
    SELECT m.customer_id, c.external_id, c.name, m.direction, m.from_tier, m.to_tier, m.from_score,
           m.to_score, m.reasons
    FROM (
      SELECT t.customer_id, t.from_tier, t.to_tier, t.from_score, t.to_score, t.reasons,
             CASE WHEN t.direction > 0 THEN 'promoted' WHEN t.direction < 0 THEN 'demoted' ELSE 'changed' END
               AS direction
      FROM tier_changes t WHERE t.run_id = ${id}
      UNION ALL
      SELECT g.customer_id, NULL, (ARRAY[${keys}]::text[])[g.tier + 1], NULL, g.score, g.tier_flags, 'new'
      FROM grades g
      WHERE g.run_id = ${id} AND (g.tier_flags & ${TIER_REASON.NEW}) <> 0
        AND NOT EXISTS (SELECT 1 FROM tier_changes x WHERE x.run_id = ${id} AND x.customer_id = g.customer_id)
    ) m
    JOIN customers c ON c.id = m.customer_id
    WHERE c.deleted_at IS NULL AND ${customerScopeCondition(actor, sql`c.owner_id`)}
      ${filters.length > 0 ? sql`AND ${sql.join(filters, sql` AND `)}` : sql``}
    ORDER BY m.customer_id
    LIMIT ${query.limit + 1}`);
  const rows = result.rows.slice(0, query.limit);
  const { model } = run.model;
  const items = rows.map((row): Mover => ({
    customer: { id: Number(row.customer_id), externalId: row.external_id, name: row.name },
    direction: row.direction,
    fromTier: row.from_tier === null ? null : tierByKey(model, row.from_tier),
    toTier: tierByKey(model, row.to_tier),
    fromScore: row.from_score === null ? null : roundTo(row.from_score, 2),
    toScore: roundTo(row.to_score, 2),
    reasons: tierReasons(row.reasons),
  }));
  const last = rows.at(-1);
  return {
    run,
    items,
    nextCursor: result.rows.length > query.limit && last ? encodeCursor([Number(last.customer_id)]) : null,
  };
}

function afterCustomer(cursor: string): number {
  const [id] = decodeCursor(cursor);
  if (typeof id !== 'number' || !Number.isSafeInteger(id)) throw invalidCursor();
  return id;
}
