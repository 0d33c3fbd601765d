import { decodeTierReasons, TIER_REASON_LABELS, type GradeResult, type GradingModel } from '@stratum/core';
import type { Db } from '@stratum/db';
import { sql } from 'drizzle-orm';
import { dataScope, type Actor } from '../access/actor.js';
import { customerScopeCondition } from '../access/customerScope.js';
import { ruleLabel } from '../models/diffWording.js';
import type { CurrentTiers } from './currentTiers.js';
import type { MoveDirection, Movers } from './whatifSummary.js';
import type { WhatIfMover, WhatIfPageInput } from './whatifSchemas.js';

/**
 * One page of movers, biggest move first, limited to the caller's data scope inside the query (an
 * account manager sees their own customers move, a lead the team's): the mover rows go to PostgreSQL as
 * arrays, joined with customers under the scope condition, sorted and paged there.
 */
export async function moversPage(
  db: Db,
  actor: Actor,
  model: Pick<GradingModel, 'tiers' | 'rules'>,
  result: Pick<GradeResult, 'ids' | 'tiers' | 'scorecard'>,
  current: CurrentTiers,
  movers: Movers,
  page: WhatIfPageInput,
): Promise<{ total: number; items: WhatIfMover[] }> {
  const picked: number[] = [];
  for (let k = 0; k < movers.rows.length; k++) {
    if (page.direction === 'all' || movers.direction[k] === page.direction) picked.push(k);
  }
  if (picked.length === 0) return { total: 0, items: [] };
  // Everyone in scope: page in memory and read only the page's customers. A limited scope must be applied
  // in the query, so then all movers go to PostgreSQL and are filtered, sorted and paged there.
  const all = dataScope(actor).kind === 'all';
  let candidates = Array.from(picked.keys());
  if (all) {
    const id = (j: number) => result.ids[movers.rows[picked[j]!]!]!;
    const rank = (j: number) => movers.rank[picked[j]!]!;
    candidates = candidates
      .sort((a, b) => rank(b) - rank(a) || id(a) - id(b))
      .slice(page.offset, page.offset + page.limit);
    if (candidates.length === 0) return { total: picked.length, items: [] };
  }
  // Arrays travel as one text parameter each ('{1,2,3}'), however many movers there are.
  const array = (values: number[]) => `{${values.join(',')}}`;
  const ids = array(candidates.map((j) => result.ids[movers.rows[picked[j]!]!]!));
  const ranks = array(candidates.map((j) => movers.rank[picked[j]!]!));
  const scope = customerScopeCondition(actor, sql`c.owner_id`);
  const from = sql`unnest(${ids}::bigint[], ${ranks}::float8[], ${array(candidates)}::int[]) AS m(id, rank, k)
    JOIN customers c ON c.id = m.id`;
  const window = all ? sql`` : sql`LIMIT ${page.limit} OFFSET ${page.offset}`;
  const rows = (
    await db.execute<{
      k: number;
      external_id: string;
      name: string;
      owner_id: string | null;
      total: string;
    }>(
      sql`SELECT m.k, c.external_id, c.name, c.owner_id, count(*) OVER () AS total FROM ${from}
          WHERE ${scope} ORDER BY m.rank DESC, m.id ${window}`,
    )
  ).rows;
  let total = all ? picked.length : Number(rows[0]?.total ?? 0);
  if (!all && rows.length === 0 && page.offset > 0) {
    const counted = await db.execute<{ n: string }>(sql`SELECT count(*) AS n FROM ${from} WHERE ${scope}`);
    total = Number(counted.rows[0]?.n ?? 0);
  }
  const items = rows.map((row): WhatIfMover => {
    const k = picked[Number(row.k)]!;
    const i = movers.rows[k]!;
    const rule = model.rules[result.tiers.ruleIndex[i]!];
    const before = current.score[i]!;
    return {
      customerId: result.ids[i]!,
      externalId: row.external_id,
      name: row.name,
      ownerId: row.owner_id,
      from: current.keys[current.keyIndex[i]!]!,
      to: model.tiers[result.tiers.tier[i]!]!.key,
      direction: movers.direction[k]! satisfies MoveDirection,
      scoreBefore: Number.isFinite(before) ? round2(before) : null,
      scoreAfter: round2(result.scorecard.score[i]!),
      reasons: decodeTierReasons(result.tiers.flags[i]!).map((code) => ({
        code,
        label: TIER_REASON_LABELS[code],
      })),
      rule: rule ? ruleLabel(rule, model.tiers) : null,
    };
  });
  return { total, items };
}

function round2(value: number): number {
  return Math.round(value * 100) / 100;
}
