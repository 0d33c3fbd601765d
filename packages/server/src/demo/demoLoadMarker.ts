import type pg from 'pg';

/**
 * A demo load commits its tables one after another (see CopySink), so a process killed between the first
 * commit and the last would leave part of a book. Before it copies anything the load marks the customers
 * table (a comment on its id column, committed), and the marker is cleared in the very transaction that
 * commits the last table. A marked database therefore holds a partial demo and nothing else — the load
 * only ever starts on empty business tables — and the next load empties it before it starts.
 */
const MARKER = 'stratum:demo-loading';

export async function markDemoLoading(client: pg.ClientBase): Promise<void> {
  await client.query(`COMMENT ON COLUMN customers.id IS ${client.escapeLiteral(MARKER)}`);
}

export async function clearDemoLoading(client: pg.ClientBase): Promise<void> {
  await client.query('COMMENT ON COLUMN customers.id IS NULL');
}

export async function isDemoLoading(client: pg.ClientBase | pg.Pool): Promise<boolean> {
  const { rows } = await client.query<{ marked: boolean }>(
    `SELECT coalesce(col_description('customers'::regclass, a.attnum) = $1, false) AS marked
       FROM pg_attribute a WHERE a.attrelid = 'customers'::regclass AND a.attname = 'id'`,
    [MARKER],
  );
  return rows[0]?.marked === true;
}
