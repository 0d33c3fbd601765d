import { sql } from 'drizzle-orm';
import { dataScope } from '../../access/actor.js';
import { customerScopeCondition } from '../../access/customerScope.js';
import { IMPORT_COLUMNS } from '../columns.js';
import { runSql } from '../runSql.js';
import type { EntitySpec, WriteContext } from './EntitySpec.js';
import { staged, stagedTime } from './childSql.js';
import { upsertStaged } from './upsertStaged.js';

/**
 * Customers, matched on their external id (unique across all customers; a soft-deleted customer that
 * is imported again is restored).
 * - owner_email names a user; an account manager may only import customers they own, and the customers
 *   they create (or leave without an owner) are theirs; a team lead's may belong to any team member.
 * - parent_external_id names a customer in this file or already stored (in the actor's scope, unless it
 *   is the customer's parent already, so a manager's export re-imports even when the group head is
 *   someone else's); new
 *   customers get their ids before the upsert so parents and children can arrive in one file, and a
 *   parent chain that loops is refused.
 * - tags are split on ; , 、 | and stored in file order.
 */
export const customersSpec: EntitySpec = {
  entity: 'customers',
  columns: IMPORT_COLUMNS.customers,
  extraStage: [
    { name: 'id', type: 'bigint' },
    { name: 'owner_id', type: 'text' },
    { name: 'parent_id', type: 'bigint' },
  ],
  derived: [],
  customerKey: null,
  identity: { columns: ['external_id'], blame: 'external_id' },
  finishRow(row) {
    const parent = row.value('parent_external_id');
    if (parent !== null && parent === row.value('external_id'))
      row.reject('parent_external_id', 'PARENT_CYCLE');
  },
  check,
  recheck: rejectBrokenParents,
  upsert(context) {
    const scoped = dataScope(context.actor).kind !== 'all';
    return upsertStaged(context, 'customers', {
      table: 'customers',
      keys: [
        { column: 'id', value: sql`s.id` },
        { column: 'external_id', value: sql`s.external_id` },
      ],
      from: sql`import_stage s`,
      order: sql`s.id`,
      conflict: sql`(external_id)`,
      targets: [
        { column: 'name', source: null, value: staged('name') },
        { column: 'industry', source: 'industry', value: staged('industry') },
        { column: 'region', source: 'region', value: staged('region') },
        { column: 'employees', source: 'employees', value: sql`s.employees::integer` },
        { column: 'company_revenue', source: 'company_revenue', value: staged('company_revenue') },
        { column: 'market_position', source: 'market_position', value: staged('market_position') },
        { column: 'parent_id', source: 'parent_external_id', value: staged('parent_id') },
        { column: 'owner_id', source: scoped ? null : 'owner_email', value: staged('owner_id') },
        { column: 'status', source: 'status', value: sql`coalesce(s.status, 'active')` },
        {
          column: 'created_at',
          source: 'created_at',
          value: sql`coalesce(${stagedTime('created_at')}, now())`,
        },
        { column: 'tags', source: 'tags', value: sql`coalesce(s.tags, '{}')` },
        { column: 'deleted_at', source: null, value: sql`NULL::timestamptz` },
        { column: 'deleted_by', source: null, value: sql`NULL::text` },
      ],
      updateGuard: customerScopeCondition(context.actor, sql`t.owner_id`),
      customerIdOf: (alias) => sql`${sql.identifier(alias)}.id`,
      rowOf: (alias) => sql`o.id = ${sql.identifier(alias)}.id`,
    });
  },
};

async function check(context: WriteContext): Promise<void> {
  const { client, actor } = context;
  const scoped = dataScope(actor).kind !== 'all';
  // Existing customers keep their id; one outside the actor's scope cannot be changed by this file.
  await runSql(
    client,
    sql`UPDATE import_stage s SET id = c.id FROM customers c WHERE c.external_id = s.external_id`,
  );
  if (scoped) {
    await runSql(
      client,
      sql`INSERT INTO import_rejects (line, col, value, code)
        SELECT s.line, 'external_id', s.external_id, 'NOT_IN_SCOPE' FROM import_stage s JOIN customers c ON c.id = s.id
        WHERE NOT (${customerScopeCondition(actor, sql`c.owner_id`)})`,
    );
  }
  await runSql(
    client,
    sql`UPDATE import_stage s SET id = nextval(pg_get_serial_sequence('customers', 'id')) WHERE id IS NULL`,
  );
  if (context.present.has('created_at')) {
    // An empty creation date keeps the stored one (a new customer gets now()), so re-imports stay no-ops.
    await runSql(
      client,
      sql`UPDATE import_stage s SET created_at = (extract(epoch FROM c.created_at) * 1000000)::bigint
        FROM customers c WHERE c.id = s.id AND s.created_at IS NULL`,
    );
  }

  if (context.present.has('owner_email')) {
    await runSql(
      client,
      sql`UPDATE import_stage s SET owner_id = u.id FROM users u WHERE lower(u.email) = s.owner_email`,
    );
    await runSql(
      client,
      sql`INSERT INTO import_rejects (line, col, value, code)
        SELECT line, 'owner_email', owner_email, 'UNKNOWN_USER' FROM import_stage
        WHERE owner_email IS NOT NULL AND owner_id IS NULL`,
    );
  }
  if (scoped) {
    // Left empty, the owner stays who it was, or becomes the importing manager for a new customer.
    await runSql(
      client,
      sql`UPDATE import_stage s SET owner_id = coalesce((SELECT c.owner_id FROM customers c WHERE c.id = s.id), ${actor.userId})
        WHERE s.owner_id IS NULL AND s.owner_email IS NULL`,
    );
    await runSql(
      client,
      sql`INSERT INTO import_rejects (line, col, value, code)
        SELECT line, 'owner_email', owner_email, 'OWNER_NOT_ALLOWED' FROM import_stage s
        WHERE s.owner_id IS NOT NULL AND NOT (${customerScopeCondition(actor, sql`s.owner_id`)})
          AND NOT EXISTS (SELECT 1 FROM import_rejects r WHERE r.line = s.line)`,
    );
  }

  if (context.present.has('parent_external_id')) {
    await runSql(
      client,
      sql`UPDATE import_stage s SET parent_id = coalesce(
          (SELECT min(m.id) FROM import_stage m WHERE m.external_id = s.parent_external_id),
          (SELECT c.id FROM customers c WHERE c.external_id = s.parent_external_id AND c.deleted_at IS NULL
            AND (${customerScopeCondition(actor, sql`c.owner_id`)}
              OR c.id = (SELECT own.parent_id FROM customers own WHERE own.id = s.id))))
        WHERE s.parent_external_id IS NOT NULL`,
    );
    await runSql(
      client,
      sql`INSERT INTO import_rejects (line, col, value, code)
        SELECT line, 'parent_external_id', parent_external_id, 'UNKNOWN_PARENT' FROM import_stage
        WHERE parent_external_id IS NOT NULL AND parent_id IS NULL`,
    );
    await rejectCycles(context);
  }
}

/** Parent chains over the stored customers, with this file's rows replacing theirs, must not loop. */
async function rejectCycles(context: WriteContext): Promise<void> {
  await runSql(
    context.client,
    sql`INSERT INTO import_rejects (line, col, value, code)
      WITH RECURSIVE graph AS (
        SELECT s.id, s.parent_id FROM import_stage s WHERE s.parent_id IS NOT NULL
        UNION ALL
        SELECT c.id, c.parent_id FROM customers c
        WHERE c.parent_id IS NOT NULL AND NOT EXISTS (SELECT 1 FROM import_stage s WHERE s.id = c.id)
      ), walk (start, node) AS (
        SELECT s.id, s.parent_id FROM import_stage s WHERE s.parent_id IS NOT NULL
        UNION ALL
        SELECT w.start, g.parent_id FROM walk w JOIN graph g ON g.id = w.node
      ) CYCLE node SET looped USING path
      SELECT s.line, 'parent_external_id', s.parent_external_id, 'PARENT_CYCLE' FROM import_stage s
      WHERE EXISTS (SELECT 1 FROM walk w WHERE w.start = s.id AND w.node = s.id)`,
  );
}

/** With --skip-invalid, a child whose parent row was rejected (so will not exist) is rejected too. */
async function rejectBrokenParents(context: WriteContext): Promise<number> {
  if (!context.present.has('parent_external_id')) return 0;
  const result = await runSql(
    context.client,
    sql`INSERT INTO import_rejects (line, col, value, code)
      SELECT s.line, 'parent_external_id', s.parent_external_id, 'UNKNOWN_PARENT' FROM import_stage s
      WHERE s.parent_id IS NOT NULL
        AND NOT EXISTS (SELECT 1 FROM import_stage m WHERE m.id = s.parent_id)
        AND NOT EXISTS (SELECT 1 FROM customers c WHERE c.id = s.parent_id AND c.deleted_at IS NULL)
        AND NOT EXISTS (SELECT 1 FROM import_rejects r WHERE r.line = s.line)`,
  );
  return result.rowCount ?? 0;
}
