import { sql } from 'drizzle-orm';
import { IMPORT_COLUMNS } from '../columns.js';
import type { EntitySpec } from './EntitySpec.js';
import {
  rejectUnknownContacts,
  rejectUnknownCustomers,
  rejectUnknownUsers,
  staged,
  stagedTime,
  upsertChildren,
} from './childSql.js';
import { identifyRow } from './naturalId.js';

/**
 * Interactions need no id column: without external_id the record is identified by customer, kind,
 * time, contact and user (see naturalId), so summary and outcome are what a re-import may change.
 */
export const interactionsSpec: EntitySpec = {
  entity: 'interactions',
  columns: IMPORT_COLUMNS.interactions,
  extraStage: [],
  derived: ['external_id'],
  customerKey: 'customer_external_id',
  identity: {
    columns: ['customer_external_id', 'external_id'],
    blame: 'customer_external_id',
    natural: { en: 'customer, kind, time, contact and user', zh: '客户、类型、时间、联系人和员工' },
  },
  finishRow(row) {
    const key = ['customer_external_id', 'kind', 'occurred_at', 'contact_external_id', 'user_email'];
    identifyRow(
      row,
      'INT',
      key.map((column) => row.value(column)),
    );
  },
  async check(context) {
    await rejectUnknownCustomers(context, 'customer_external_id');
    await rejectUnknownContacts(context, 'contact_external_id', 'customer_external_id');
    await rejectUnknownUsers(context, 'user_email');
  },
  upsert(context) {
    return upsertChildren(context, 'interactions', {
      table: 'interactions',
      customerKey: 'customer_external_id',
      joins: sql`LEFT JOIN users u ON lower(u.email) = s.user_email
        LEFT JOIN contacts ct ON ct.customer_id = c.id AND ct.external_id = s.contact_external_id`,
      targets: [
        { column: 'kind', source: null, value: staged('kind') },
        { column: 'occurred_at', source: null, value: stagedTime('occurred_at') },
        { column: 'user_id', source: 'user_email', value: sql`u.id` },
        { column: 'contact_id', source: 'contact_external_id', value: sql`ct.id` },
        { column: 'summary', source: 'summary', value: staged('summary') },
        { column: 'outcome', source: 'outcome', value: staged('outcome') },
      ],
    });
  },
};
