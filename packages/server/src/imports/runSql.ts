import { PgDialect } from 'drizzle-orm/pg-core';
import type { SQL } from 'drizzle-orm';
import type pg from 'pg';

const dialect = new PgDialect();

/**
 * Runs a drizzle `sql` template on a raw pg client. Imports work on a dedicated connection (one
 * transaction, COPY streams, TEMP tables), so they cannot go through the pooled drizzle instance, but
 * they still build SQL with the shared helpers (e.g. the data-scope condition).
 */
export async function runSql<Row extends pg.QueryResultRow = pg.QueryResultRow>(
  client: pg.ClientBase,
  query: SQL,
): Promise<pg.QueryResult<Row>> {
  const { sql: text, params } = dialect.sqlToQuery(query);
  return client.query<Row>(text, params);
}
