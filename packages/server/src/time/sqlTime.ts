import { sql, type SQL } from 'drizzle-orm';

/**
 * The same day rules as OrgTimeZone, for queries that aggregate in PostgreSQL (grading, reports): a
 * `timestamptz` column's local calendar day, and the exclusive end of local day D ("as of D").
 */
export function localDaySql(column: SQL | { getSQL(): SQL }, zone: string): SQL {
  return sql`((${column}) AT TIME ZONE ${zone})::date`;
}

/** First instant of local day D + 1, for `t < endOfDaySql(D)`. `day` is a `YYYY-MM-DD` string. */
export function endOfDaySql(day: string, zone: string): SQL {
  return sql`(((${day})::date + 1)::timestamp AT TIME ZONE ${zone})`;
}
