import type { Label } from '@stratum/core';
import { customers, gradingModels, overrides, users, type OverrideStatus } from '@stratum/db';
import { and, desc, eq, getTableColumns, lt, sql, type SQL } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import type { Actor } from '../access/actor.js';
import { decodeCursor, encodeCursor, invalidCursor } from '../app/cursor.js';
import type { Queryable } from '../app/transaction.js';
import { visibleCustomer } from '../customers/customerService.js';

export type OverrideRow = typeof overrides.$inferSelect;

/** An override with what a list or a notification shows beside it: customer, people, tier label. */
export interface OverrideRecord extends OverrideRow {
  customerExternalId: string;
  customerName: string;
  ownerId: string | null;
  requestedByName: string | null;
  decidedByName: string | null;
  /** The tier's label in the family's published model (null when that model no longer has the tier). */
  tierLabel: Label | null;
}

export interface OverrideListQuery {
  limit: number;
  cursor?: string | undefined;
  status?: OverrideStatus | undefined;
  customerId?: number | undefined;
  modelKey?: string | undefined;
  requestedBy?: string | undefined;
}

const requester = alias(users, 'requester');
const decider = alias(users, 'decider');
const family = alias(gradingModels, 'family');

function selectRecords(db: Queryable) {
  return db
    .select({
      ...getTableColumns(overrides),
      customerExternalId: customers.externalId,
      customerName: customers.name,
      ownerId: customers.ownerId,
      requestedByName: requester.name,
      decidedByName: decider.name,
      tierLabel: sql<Label | null>`jsonb_path_query_first(${family.document}, '$.tiers[*] ? (@.key == $k).label', jsonb_build_object('k', ${overrides.tier}))`,
    })
    .from(overrides)
    .innerJoin(customers, eq(customers.id, overrides.customerId))
    .leftJoin(requester, eq(requester.id, overrides.requestedBy))
    .leftJoin(decider, eq(decider.id, overrides.decidedBy))
    .leftJoin(family, and(eq(family.key, overrides.modelKey), eq(family.status, 'published')));
}

/** One override whose customer the actor may see, or null (missing, deleted customer, out of scope). */
export async function findOverride(db: Queryable, actor: Actor, id: number): Promise<OverrideRecord | null> {
  const [row] = await selectRecords(db).where(and(eq(overrides.id, id), visibleCustomer(actor)));
  return row ?? null;
}

/**
 * Overrides of the customers in the actor's scope (a manager: their customers'; a team lead: the team's;
 * directors, analysts, admins: all), newest first, keyset by id.
 */
export async function listOverrides(
  db: Queryable,
  actor: Actor,
  query: OverrideListQuery,
): Promise<{ items: OverrideRecord[]; nextCursor: string | null }> {
  const conditions: SQL[] = [visibleCustomer(actor) ?? sql`true`];
  if (query.status !== undefined) conditions.push(eq(overrides.status, query.status));
  if (query.customerId !== undefined) conditions.push(eq(overrides.customerId, query.customerId));
  if (query.modelKey !== undefined) conditions.push(eq(overrides.modelKey, query.modelKey));
  if (query.requestedBy !== undefined) conditions.push(eq(overrides.requestedBy, query.requestedBy));
  if (query.cursor !== undefined) {
    const [after] = decodeCursor(query.cursor);
    if (typeof after !== 'number') throw invalidCursor();
    conditions.push(lt(overrides.id, after));
  }
  const rows = await selectRecords(db)
    .where(and(...conditions))
    .orderBy(desc(overrides.id))
    .limit(query.limit + 1);
  const items = rows.slice(0, query.limit);
  const last = items.at(-1);
  return { items, nextCursor: rows.length > query.limit && last ? encodeCursor([last.id]) : null };
}
