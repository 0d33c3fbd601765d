import { sql } from 'drizzle-orm';
import { IMPORT_COLUMNS } from '../columns.js';
import type { EntitySpec } from './EntitySpec.js';
import { rejectUnknownCustomers, staged, stagedTime, upsertChildren } from './childSql.js';
import { identifyRow } from './naturalId.js';

/**
 * Referrals made by a customer (the referrer, which must be in scope). The referred party may not be a
 * customer yet: a referred_external_id that matches a customer links it, otherwise it is kept as text.
 * Without external_id a referral is identified by referrer and referred party (its id, else its
 * name), so the date and name may change on re-import.
 */
export const referralsSpec: EntitySpec = {
  entity: 'referrals',
  columns: IMPORT_COLUMNS.referrals,
  extraStage: [],
  derived: ['external_id'],
  customerKey: 'referrer_external_id',
  identity: {
    columns: ['referrer_external_id', 'external_id'],
    blame: 'referrer_external_id',
    natural: { en: 'referrer and referred customer', zh: '推荐客户和被推荐客户' },
  },
  finishRow(row) {
    const referredId = row.value('referred_external_id');
    const referredName = row.value('referred_name');
    if (referredId === null && referredName === null) {
      row.reject(
        row.has('referred_external_id') ? 'referred_external_id' : 'referred_name',
        'MISSING_REFERRED',
      );
      return;
    }
    const referred = referredId !== null ? `id:${referredId}` : `name:${referredName?.toLowerCase() ?? ''}`;
    identifyRow(row, 'REF', [row.value('referrer_external_id'), referred]);
  },
  async check(context) {
    await rejectUnknownCustomers(context, 'referrer_external_id');
  },
  upsert(context) {
    return upsertChildren(context, 'referrals', {
      table: 'referrals',
      customerKey: 'referrer_external_id',
      joins: sql`LEFT JOIN customers rc ON rc.external_id = s.referred_external_id AND rc.deleted_at IS NULL`,
      targets: [
        { column: 'referred_customer_id', source: 'referred_external_id', value: sql`rc.id` },
        {
          column: 'referred_external_id',
          source: 'referred_external_id',
          value: staged('referred_external_id'),
        },
        { column: 'referred_name', source: 'referred_name', value: staged('referred_name') },
        { column: 'referred_at', source: null, value: stagedTime('referred_at') },
      ],
    });
  },
};
