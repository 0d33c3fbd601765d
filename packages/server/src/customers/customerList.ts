import { and, count, eq, sql, type SQL } from 'drizzle-orm';
import { customers } from '@stratum/db';
import type { Actor } from '../access/actor.js';
import { decodeCursor, encodeCursor } from '../app/cursor.js';
import { containsPattern } from '../app/like.js';
import type { Queryable } from '../app/transaction.js';
import { currentTierIn } from '../grades/currentTierFilter.js';
import { loadCurrentRuns, type GradedRun } from '../grades/gradedRuns.js';
import { currentTierViews, type CurrentTierView } from '../overrides/currentTier.js';
import { customerError } from './customerErrors.js';
import type { CustomerListQuery, CustomerRow, CustomerSort } from './customerSchemas.js';
import { visibleCustomer } from './customerService.js';

interface SortColumn {
  column: SQL;
  /** SQL type the cursor's text value is cast back to. */
  type: 'text' | 'timestamptz' | 'numeric' | 'integer';
  nullable: boolean;
}

const SORT_COLUMNS: Record<CustomerSort, SortColumn> = {
  name: { column: sql`${customers.name}`, type: 'text', nullable: false },
  external_id: { column: sql`${customers.externalId}`, type: 'text', nullable: false },
  created_at: { column: sql`${customers.createdAt}`, type: 'timestamptz', nullable: false },
  updated_at: { column: sql`${customers.updatedAt}`, type: 'timestamptz', nullable: false },
  company_revenue: { column: sql`${customers.companyRevenue}`, type: 'numeric', nullable: true },
  employees: { column: sql`${customers.employees}`, type: 'integer', nullable: true },
};

export interface CustomerPage {
  items: CustomerRow[];
  /** The current tier of each listed customer that has one (override wins), by customer id. */
  tiers: Map<number, CurrentTierView>;
  nextCursor: string | null;
  total?: number;
}

/**
 * Filtered, sorted customer list with keyset pagination. Order is (sort column, id) in the requested
 * direction, with nulls last either way; the cursor carries the last row's sort value as PostgreSQL
 * text (exact for timestamps and numerics), so ties and microseconds never skip or repeat a row.
 * `today` (YYYY-MM-DD, org timezone) decides which overrides are still active for the tier filter and column.
 */
export async function listCustomers(
  db: Queryable,
  actor: Actor,
  query: CustomerListQuery,
  today: string,
): Promise<CustomerPage> {
  const runs = query.tier ? await loadCurrentRuns(db) : [];
  const filters = filterConditions(actor, query, runs, today);
  const sort = SORT_COLUMNS[query.sort];
  const desc = query.order === 'desc';
  const conditions = [...filters];
  if (query.cursor) conditions.push(afterCursor(sort, desc, query, query.cursor));

  const direction = sql.raw(desc ? 'DESC' : 'ASC');
  const rows = await db
    .select({ customer: customers, sortKey: sql<string | null>`${sort.column}::text` })
    .from(customers)
    .where(and(...conditions))
    .orderBy(
      ...(sort.nullable ? [sql`(${sort.column} IS NULL) ASC`] : []),
      sql`${sort.column} ${direction}`,
      sql`${customers.id} ${direction}`,
    )
    .limit(query.limit + 1);

  const page = rows.slice(0, query.limit);
  const last = page.at(-1);
  const result: CustomerPage = {
    items: page.map((r) => r.customer),
    tiers: await currentTierViews(
      db,
      page.map((r) => r.customer.id),
      today,
    ),
    nextCursor:
      rows.length > query.limit && last
        ? encodeCursor([query.sort, query.order, last.sortKey, last.customer.id])
        : null,
  };
  if (query.count) {
    const [row] = await db
      .select({ n: count() })
      .from(customers)
      .where(and(...filters));
    result.total = row?.n ?? 0;
  }
  return result;
}

function filterConditions(
  actor: Actor,
  query: CustomerListQuery,
  currentRuns: readonly GradedRun[],
  today: string,
): SQL[] {
  const conditions: SQL[] = [visibleCustomer(actor) ?? sql`true`];
  if (query.q) conditions.push(sql`${customers.name} ILIKE ${containsPattern(query.q)}`);
  if (query.industry) conditions.push(eq(customers.industry, query.industry));
  if (query.region) conditions.push(eq(customers.region, query.region));
  if (query.ownerId) conditions.push(eq(customers.ownerId, query.ownerId));
  if (query.status) conditions.push(eq(customers.status, query.status));
  if (query.marketPosition) conditions.push(eq(customers.marketPosition, query.marketPosition));
  if (query.parentId) conditions.push(eq(customers.parentId, query.parentId));
  if (query.tag) conditions.push(sql`${customers.tags} @> ARRAY[${query.tag}]::text[]`);
  if (query.tier) conditions.push(currentTierIn(currentRuns, sql`${customers.id}`, query.tier, today));
  return conditions;
}

function afterCursor(sort: SortColumn, desc: boolean, query: CustomerListQuery, cursor: string): SQL {
  const [sortName, order, value, id] = decodeCursor(cursor);
  if (sortName !== query.sort || order !== query.order || typeof id !== 'number') {
    throw customerError(
      'CUSTOMER_CURSOR_MISMATCH',
      'cursor belongs to another sort or order; start from the first page',
    );
  }
  if (value !== null && typeof value !== 'string') {
    throw customerError('CUSTOMER_CURSOR_MISMATCH', 'cursor is not valid; start from the first page');
  }
  const op = sql.raw(desc ? '<' : '>');
  const cast = sql.raw(sort.type);
  const { column } = sort;
  if (value === null) {
    // Inside the trailing block of nulls: only the id orders what is left.
    return sql`(${column} IS NULL AND ${customers.id} ${op} ${id})`;
  }
  const typed = sql`${value}::${cast}`;
  const beyond = sql`(${column} ${op} ${typed} OR (${column} = ${typed} AND ${customers.id} ${op} ${id}))`;
  return sort.nullable ? sql`(${column} IS NULL OR ${beyond})` : beyond;
}
