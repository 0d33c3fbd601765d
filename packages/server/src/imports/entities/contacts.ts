import { sql } from 'drizzle-orm';
import { IMPORT_COLUMNS } from '../columns.js';
import { runSql } from '../runSql.js';
import type { EntitySpec, WriteContext } from './EntitySpec.js';
import { customerJoin, rejectUnknownCustomers, staged, upsertChildren } from './childSql.js';

/**
 * Contacts. Ids are unique per customer. reports_to_external_id names a contact of the same customer,
 * in this file or already stored; new contacts get their ids before the upsert so rows of one file can
 * point at each other in the single statement.
 */
export const contactsSpec: EntitySpec = {
  entity: 'contacts',
  columns: IMPORT_COLUMNS.contacts,
  extraStage: [{ name: 'id', type: 'bigint' }],
  derived: [],
  customerKey: 'customer_external_id',
  identity: { columns: ['customer_external_id', 'external_id'], blame: 'external_id' },
  finishRow(row) {
    const reportsTo = row.value('reports_to_external_id');
    if (reportsTo !== null && reportsTo === row.value('external_id')) {
      row.reject('reports_to_external_id', 'SELF_REFERENCE');
    }
  },
  async check(context) {
    await rejectUnknownCustomers(context, 'customer_external_id');
    await rejectUnknownManagers(context);
  },
  recheck: rejectUnknownManagers,
  async upsert(context) {
    await runSql(
      context.client,
      sql`UPDATE import_stage s SET id = coalesce(
          (SELECT ct.id FROM contacts ct JOIN customers c ON c.id = ct.customer_id
            WHERE c.external_id = s.customer_external_id AND ct.external_id = s.external_id),
          nextval(pg_get_serial_sequence('contacts', 'id')))`,
    );
    return upsertChildren(context, 'contacts', {
      table: 'contacts',
      customerKey: 'customer_external_id',
      id: sql`s.id`,
      targets: [
        { column: 'name', source: null, value: staged('name') },
        { column: 'title', source: 'title', value: staged('title') },
        { column: 'role', source: 'role', value: staged('role') },
        { column: 'email', source: 'email', value: staged('email') },
        { column: 'phone', source: 'phone', value: staged('phone') },
        {
          column: 'reports_to_id',
          source: 'reports_to_external_id',
          value: sql`coalesce(
            (SELECT m.id FROM import_stage m
              WHERE m.customer_external_id = s.customer_external_id AND m.external_id = s.reports_to_external_id),
            (SELECT ct.id FROM contacts ct WHERE ct.customer_id = c.id AND ct.external_id = s.reports_to_external_id))`,
        },
        { column: 'active', source: 'active', value: sql`coalesce(s.active, true)` },
      ],
    });
  },
};

/** A manager must be a contact of the same customer: in this file (still staged) or stored. */
async function rejectUnknownManagers(context: WriteContext): Promise<number> {
  const result = await runSql(
    context.client,
    sql`INSERT INTO import_rejects (line, col, value, code)
      SELECT s.line, 'reports_to_external_id', s.reports_to_external_id, 'UNKNOWN_CONTACT'
      FROM import_stage s
      ${customerJoin(context, 'customer_external_id')}
      WHERE s.reports_to_external_id IS NOT NULL
        AND NOT EXISTS (SELECT 1 FROM import_stage m
          WHERE m.customer_external_id = s.customer_external_id AND m.external_id = s.reports_to_external_id)
        AND NOT EXISTS (SELECT 1 FROM contacts ct WHERE ct.customer_id = c.id AND ct.external_id = s.reports_to_external_id)
        AND NOT EXISTS (SELECT 1 FROM import_rejects r WHERE r.line = s.line)`,
  );
  return result.rowCount ?? 0;
}
