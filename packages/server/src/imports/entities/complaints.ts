import { sql } from 'drizzle-orm';
import { IMPORT_COLUMNS } from '../columns.js';
import type { EntitySpec } from './EntitySpec.js';
import {
  rejectIdsOfOtherCustomers,
  rejectUnknownCustomers,
  staged,
  stagedTime,
  upsertChildren,
} from './childSql.js';

/** Complaints: ids unique across customers like orders; resolved_at may not precede opened_at. */
export const complaintsSpec: EntitySpec = {
  entity: 'complaints',
  columns: IMPORT_COLUMNS.complaints,
  extraStage: [],
  derived: [],
  customerKey: 'customer_external_id',
  identity: { columns: ['external_id'], blame: 'external_id' },
  finishRow(row) {
    const opened = row.value('opened_at');
    const resolved = row.value('resolved_at');
    if (opened !== null && resolved !== null && Number(resolved) < Number(opened)) {
      row.reject('resolved_at', 'DATE_ORDER', { other: 'opened_at' });
    }
  },
  async check(context) {
    await rejectUnknownCustomers(context, 'customer_external_id');
    await rejectIdsOfOtherCustomers(context, 'complaints', 'customer_external_id');
  },
  upsert(context) {
    return upsertChildren(context, 'complaints', {
      table: 'complaints',
      customerKey: 'customer_external_id',
      targets: [
        { column: 'opened_at', source: null, value: stagedTime('opened_at') },
        { column: 'severity', source: 'severity', value: sql`coalesce(s.severity, 'medium')` },
        { column: 'category', source: 'category', value: staged('category') },
        { column: 'status', source: 'status', value: sql`coalesce(s.status, 'open')` },
        { column: 'resolved_at', source: 'resolved_at', value: stagedTime('resolved_at') },
      ],
    });
  },
};
