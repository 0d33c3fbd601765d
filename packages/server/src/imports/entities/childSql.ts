import { sql, type SQL } from 'drizzle-orm';
import { dataScope } from '../../access/actor.js';
import { customerScopeCondition } from '../../access/customerScope.js';
import { runSql } from '../runSql.js';
import type { TargetColumn, WriteContext, WriteCounts } from './EntitySpec.js';
import { upsertStaged } from './upsertStaged.js';

/**
 * SQL shared by the customer-scoped entities (orders, contacts, interactions, surveys, complaints,
 * referrals): the staged row's customer is found by its external id, inside the actor's data scope.
 */

/** A staged timestamp (epoch microseconds) as timestamptz, exactly. */
export function stagedTime(column: string): SQL {
  return sql`(timestamptz 'epoch' + ${sql.identifier('s')}.${sql.identifier(column)} * interval '1 microsecond')`;
}

export function staged(column: string): SQL {
  return sql`${sql.identifier('s')}.${sql.identifier(column)}`;
}

/** `JOIN customers c` on the staged customer key, limited to live customers in the actor's scope. */
export function customerJoin(context: WriteContext, customerKey: string): SQL {
  return sql`JOIN customers c ON c.external_id = ${staged(customerKey)} AND c.deleted_at IS NULL
    AND ${customerScopeCondition(context.actor, sql`c.owner_id`)}`;
}

/**
 * Rejects rows whose customer is unknown, deleted or outside the actor's scope. A scoped actor is told
 * "not in your scope" either way, so an import cannot probe which customer ids exist.
 */
export async function rejectUnknownCustomers(context: WriteContext, customerKey: string): Promise<void> {
  const code = dataScope(context.actor).kind === 'all' ? 'UNKNOWN_CUSTOMER' : 'NOT_IN_SCOPE';
  await runSql(
    context.client,
    sql`INSERT INTO import_rejects (line, col, value, code)
      SELECT s.line, ${customerKey}, ${staged(customerKey)}, ${code}
      FROM import_stage s
      WHERE NOT EXISTS (SELECT 1 FROM customers c WHERE c.external_id = ${staged(customerKey)}
        AND c.deleted_at IS NULL AND ${customerScopeCondition(context.actor, sql`c.owner_id`)})`,
  );
}

/** Orders and complaints: an external id belongs to one customer; reusing it for another is refused. */
export async function rejectIdsOfOtherCustomers(
  context: WriteContext,
  table: string,
  customerKey: string,
): Promise<void> {
  await runSql(
    context.client,
    sql`INSERT INTO import_rejects (line, col, value, code)
      SELECT s.line, 'external_id', s.external_id, 'ID_USED_BY_OTHER_CUSTOMER'
      FROM import_stage s
      JOIN customers c ON c.external_id = ${staged(customerKey)}
      WHERE EXISTS (SELECT 1 FROM ${sql.identifier(table)} t WHERE t.external_id = s.external_id AND t.customer_id <> c.id)`,
  );
}

/** Rejects rows whose optional reference column names a contact the row's customer does not have. */
export async function rejectUnknownContacts(
  context: WriteContext,
  column: string,
  customerKey: string,
): Promise<void> {
  await runSql(
    context.client,
    sql`INSERT INTO import_rejects (line, col, value, code)
      SELECT s.line, ${column}, ${staged(column)}, 'UNKNOWN_CONTACT'
      FROM import_stage s
      ${customerJoin(context, customerKey)}
      WHERE ${staged(column)} IS NOT NULL
        AND NOT EXISTS (SELECT 1 FROM contacts ct WHERE ct.customer_id = c.id AND ct.external_id = ${staged(column)})`,
  );
}

/** Rejects rows whose email column names no user. */
export async function rejectUnknownUsers(context: WriteContext, column: string): Promise<void> {
  await runSql(
    context.client,
    sql`INSERT INTO import_rejects (line, col, value, code)
      SELECT s.line, ${column}, ${staged(column)}, 'UNKNOWN_USER'
      FROM import_stage s
      WHERE ${staged(column)} IS NOT NULL
        AND NOT EXISTS (SELECT 1 FROM users u WHERE lower(u.email) = ${staged(column)})`,
  );
}

export interface ChildUpsert {
  readonly table: string;
  readonly customerKey: string;
  readonly targets: readonly TargetColumn[];
  /** Extra joins the target values use (aliases other than s and c). */
  readonly joins?: SQL;
  /** The id to insert with (contacts pre-allocate ids so rows of one file can point at each other). */
  readonly id?: SQL;
}

/** The upsert of a customer-scoped entity: keyed by (customer_id, external_id), customer found by its id. */
export function upsertChildren(
  context: WriteContext,
  entity: string,
  options: ChildUpsert,
): Promise<WriteCounts> {
  return upsertStaged(context, entity, {
    table: options.table,
    keys: [
      { column: 'customer_id', value: sql`c.id` },
      ...(options.id ? [{ column: 'id', value: options.id }] : []),
      { column: 'external_id', value: sql`s.external_id` },
    ],
    from: sql`import_stage s ${customerJoin(context, options.customerKey)} ${options.joins ?? sql``}`,
    order: sql`c.id, s.external_id`,
    conflict: sql`(customer_id, external_id)`,
    targets: options.targets,
    customerIdOf: (alias) => sql`${sql.identifier(alias)}.customer_id`,
    rowOf: (alias) =>
      sql`${sql.identifier('o')}.customer_id = ${sql.identifier(alias)}.customer_id AND ${sql.identifier('o')}.id = ${sql.identifier(alias)}.id`,
  });
}
