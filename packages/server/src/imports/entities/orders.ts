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

/**
 * Orders. External order ids are unique across customers (an id already used by another customer is
 * refused). An amount ≤ 0 is a return or credit and is accepted. A currency sign in the amount (¥ $)
 * fills an empty currency cell and must agree with a filled one; without a currency column the file is
 * in CNY, so a $ amount is refused rather than silently stored as yuan.
 */
export const ordersSpec: EntitySpec = {
  entity: 'orders',
  columns: IMPORT_COLUMNS.orders,
  extraStage: [],
  derived: [],
  customerKey: 'customer_external_id',
  identity: { columns: ['external_id'], blame: 'external_id' },
  finishRow(row) {
    const implied = row.impliedCurrency('amount') ?? row.impliedCurrency('margin');
    if (implied === null) return;
    const currency = row.value('currency') ?? (row.has('currency') ? null : 'CNY');
    if (currency === null) row.set('currency', implied);
    else if (currency !== implied) row.reject('amount', 'CURRENCY_MISMATCH', { implied, currency });
  },
  async check(context) {
    await rejectUnknownCustomers(context, 'customer_external_id');
    await rejectIdsOfOtherCustomers(context, 'orders', 'customer_external_id');
  },
  upsert(context) {
    return upsertChildren(context, 'orders', {
      table: 'orders',
      customerKey: 'customer_external_id',
      targets: [
        { column: 'ordered_at', source: null, value: stagedTime('ordered_at') },
        { column: 'amount', source: null, value: staged('amount') },
        { column: 'margin', source: 'margin', value: staged('margin') },
        { column: 'currency', source: 'currency', value: sql`coalesce(s.currency, 'CNY')` },
        { column: 'category', source: 'category', value: staged('category') },
        { column: 'channel', source: 'channel', value: staged('channel') },
      ],
    });
  },
};
