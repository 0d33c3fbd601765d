import type pg from 'pg';
import { DEMO_TABLES } from './demoOutput.js';

/**
 * The business tables a demo load fills or a reset empties: the customer book and everything hanging
 * off it, the audit log and the import history. User accounts, sessions, API tokens and teams are not
 * business data. Tables added later that carry a `customer_id` (grades, tasks …) are found by that
 * column, so a reset never leaves rows pointing at customers that are gone.
 */
export const BUSINESS_TABLES = [...DEMO_TABLES, 'audit_log', 'import_errors', 'import_jobs'] as const;

export async function businessTables(client: pg.ClientBase): Promise<string[]> {
  const { rows } = await client.query<{ table: string }>(
    `SELECT DISTINCT c.relname AS "table"
       FROM pg_attribute a
       JOIN pg_class c ON c.oid = a.attrelid
      WHERE c.relnamespace = current_schema()::regnamespace AND c.relkind IN ('r', 'p')
        AND a.attname = 'customer_id' AND NOT a.attisdropped`,
  );
  return [...new Set([...BUSINESS_TABLES, ...rows.map((row) => row.table)])];
}

/** Customers (soft-deleted ones included) and whether any other business table holds rows. */
export async function describeBusinessData(
  client: pg.ClientBase,
  tables: readonly string[],
): Promise<{ customers: number; nonEmpty: string[] }> {
  const checks = tables.map(
    (table) =>
      `SELECT ${client.escapeLiteral(table)} AS t WHERE EXISTS (SELECT 1 FROM ${client.escapeIdentifier(table)})`,
  );
  const { rows } = await client.query<{ t: string }>(checks.join(' UNION ALL '));
  const nonEmpty = rows.map((row) => row.t);
  let customers = 0;
  if (nonEmpty.includes('customers')) {
    const count = await client.query<{ n: string }>('SELECT count(*) AS n FROM customers');
    customers = Number(count.rows[0]?.n ?? 0);
  }
  return { customers, nonEmpty };
}

/** Empties the business tables and restarts their id sequences, in one statement. */
export async function emptyBusinessTables(client: pg.ClientBase, tables: readonly string[]): Promise<void> {
  await client.query(
    `TRUNCATE ${tables.map((table) => client.escapeIdentifier(table)).join(', ')} RESTART IDENTITY CASCADE`,
  );
}
