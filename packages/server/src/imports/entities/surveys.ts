import { sql } from 'drizzle-orm';
import { IMPORT_COLUMNS } from '../columns.js';
import type { EntitySpec } from './EntitySpec.js';
import {
  rejectUnknownContacts,
  rejectUnknownCustomers,
  staged,
  stagedTime,
  upsertChildren,
} from './childSql.js';
import { identifyRow } from './naturalId.js';

const SCORE_RANGE = { csat: { min: 1, max: 5 }, nps: { min: 0, max: 10 } } as const;

/**
 * Survey answers: CSAT scores 1–5, NPS 0–10. Without external_id an answer is identified by customer,
 * kind, date and contact (see naturalId); the score and comment are what a re-import may change.
 */
export const surveysSpec: EntitySpec = {
  entity: 'surveys',
  columns: IMPORT_COLUMNS.surveys,
  extraStage: [],
  derived: ['external_id'],
  customerKey: 'customer_external_id',
  identity: {
    columns: ['customer_external_id', 'external_id'],
    blame: 'customer_external_id',
    natural: { en: 'customer, kind, date and contact', zh: '客户、类型、日期和联系人' },
  },
  finishRow(row) {
    const kind = row.value('kind') as keyof typeof SCORE_RANGE | null;
    const score = Number(row.value('score'));
    const range = kind ? SCORE_RANGE[kind] : undefined;
    if (range && (score < range.min || score > range.max)) row.reject('score', 'OUT_OF_RANGE', range);
    const key = ['customer_external_id', 'kind', 'answered_at', 'contact_external_id'];
    identifyRow(
      row,
      'SUR',
      key.map((column) => row.value(column)),
    );
  },
  async check(context) {
    await rejectUnknownCustomers(context, 'customer_external_id');
    await rejectUnknownContacts(context, 'contact_external_id', 'customer_external_id');
  },
  upsert(context) {
    return upsertChildren(context, 'surveys', {
      table: 'surveys',
      customerKey: 'customer_external_id',
      joins: sql`LEFT JOIN contacts ct ON ct.customer_id = c.id AND ct.external_id = s.contact_external_id`,
      targets: [
        { column: 'kind', source: null, value: staged('kind') },
        { column: 'score', source: null, value: sql`s.score::smallint` },
        { column: 'answered_at', source: null, value: stagedTime('answered_at') },
        { column: 'contact_id', source: 'contact_external_id', value: sql`ct.id` },
        { column: 'comment', source: 'comment', value: staged('comment') },
      ],
    });
  },
};
