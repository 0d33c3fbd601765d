import type pg from 'pg';
import { inTransaction } from '../transaction.js';

/**
 * Brings the per-customer activity rollup (`customer_activity`, layout in activityLayout.ts) up to date:
 * rebuilds the rows of every customer marked in `activity_dirty` (by the statement triggers on the activity
 * tables) in one set-based statement, inside one transaction. A change of the organisation's timezone
 * (which moves day boundaries) marks everyone dirty. Concurrent writers are safe: a customer marked dirty
 * after we took the batch stays marked for the next refresh.
 */
export interface RefreshResult {
  customers: number;
  seconds: number;
}

const DAY = (column: string) => `((${column} AT TIME ZONE $1)::date - DATE '1970-01-01')`;
const IN_BATCH = 'customer_id IN (SELECT customer_id FROM activity_batch)';

const ORDERS = `
  SELECT customer_id, string_agg(
      int4send(day) || int8send(net) || int8send(margin) || int8send(margin_base) || int2send(n_pos) || int2send(n_neg),
      ''::bytea ORDER BY day) AS blob
  FROM (
    SELECT customer_id, ${DAY('ordered_at')} AS day,
      round(sum(amount) * 100)::int8 AS net,
      coalesce(round(sum(margin) * 100)::int8, 0) AS margin,
      coalesce(round(sum(amount) FILTER (WHERE margin IS NOT NULL) * 100)::int8, 0) AS margin_base,
      least(count(*) FILTER (WHERE amount > 0), 32767)::int2 AS n_pos,
      least(count(*) FILTER (WHERE amount <= 0), 32767)::int2 AS n_neg
    FROM orders WHERE ${IN_BATCH} GROUP BY 1, 2
  ) d GROUP BY customer_id`;

const CATEGORIES = `
  SELECT customer_id, string_agg(int4send(day) || int4send(category), ''::bytea ORDER BY day, category) AS blob
  FROM (
    SELECT DISTINCT customer_id, ${DAY('ordered_at')} AS day, hashtext(category) AS category
    FROM orders WHERE ${IN_BATCH} AND category IS NOT NULL AND amount > 0
  ) d GROUP BY customer_id`;

const INTERACTIONS = `
  SELECT customer_id, string_agg(int4send(${DAY('occurred_at')}) ||
      int2send((array_position(ARRAY['visit','call','email','meeting','event','other'], kind) - 1)::int2),
      ''::bytea ORDER BY occurred_at) AS blob
  FROM interactions WHERE ${IN_BATCH} GROUP BY customer_id`;

const SURVEYS = `
  SELECT customer_id, string_agg(int4send(${DAY('answered_at')}) ||
      int2send((CASE kind WHEN 'csat' THEN 0 ELSE 1 END)::int2) || int2send(score), ''::bytea ORDER BY answered_at) AS blob
  FROM surveys WHERE ${IN_BATCH} GROUP BY customer_id`;

const COMPLAINTS = `
  SELECT customer_id, string_agg(int4send(${DAY('opened_at')}) ||
      int2send((array_position(ARRAY['low','medium','high','critical'], severity) - 1)::int2) ||
      int4send(CASE WHEN status IN ('resolved', 'closed') THEN ${DAY('coalesce(resolved_at, updated_at)')}
                    ELSE 2147483647 END),
      ''::bytea ORDER BY opened_at) AS blob
  FROM complaints WHERE ${IN_BATCH} GROUP BY customer_id`;

const REFERRALS = `
  SELECT customer_id, string_agg(int4send(${DAY('referred_at')}), ''::bytea ORDER BY referred_at) AS blob
  FROM referrals WHERE ${IN_BATCH} GROUP BY customer_id`;

const CONTACTS_LEFT = `
  SELECT customer_id, string_agg(int4send(${DAY('coalesce(left_at, updated_at)')}) ||
      int2send((array_position(ARRAY['decision_maker','influencer','user','champion','blocker'], role) - 1)::int2),
      ''::bytea ORDER BY coalesce(left_at, updated_at)) AS blob
  FROM contacts WHERE ${IN_BATCH} AND NOT active AND role IS NOT NULL GROUP BY customer_id`;

const UPSERT = `
  INSERT INTO customer_activity
    (customer_id, orders, categories, interactions, surveys, complaints, referrals, contacts_left, refreshed_at)
  SELECT b.customer_id, o.blob, c.blob, i.blob, s.blob, k.blob, r.blob, l.blob, now()
  FROM activity_batch b
  LEFT JOIN (${ORDERS}) o USING (customer_id)
  LEFT JOIN (${CATEGORIES}) c USING (customer_id)
  LEFT JOIN (${INTERACTIONS}) i USING (customer_id)
  LEFT JOIN (${SURVEYS}) s USING (customer_id)
  LEFT JOIN (${COMPLAINTS}) k USING (customer_id)
  LEFT JOIN (${REFERRALS}) r USING (customer_id)
  LEFT JOIN (${CONTACTS_LEFT}) l USING (customer_id)
  ON CONFLICT (customer_id) DO UPDATE SET
    orders = excluded.orders, categories = excluded.categories, interactions = excluded.interactions,
    surveys = excluded.surveys, complaints = excluded.complaints, referrals = excluded.referrals,
    contacts_left = excluded.contacts_left, refreshed_at = excluded.refreshed_at`;

export async function refreshActivity(pool: pg.Pool, timezone: string): Promise<RefreshResult> {
  const started = process.hrtime.bigint();
  const client = await pool.connect();
  try {
    const customers = await inTransaction(client, async () => {
      // One refresher at a time; writers are not blocked (they only insert into activity_dirty).
      await client.query('LOCK TABLE customer_activity IN SHARE ROW EXCLUSIVE MODE');
      const meta = await client.query<{ timezone: string }>(
        'SELECT timezone FROM activity_meta WHERE id = 1',
      );
      if (meta.rows[0]?.timezone !== timezone) {
        await client.query(
          'INSERT INTO activity_dirty (customer_id) SELECT id FROM customers ON CONFLICT DO NOTHING',
        );
        await client.query(
          `INSERT INTO activity_meta (id, timezone) VALUES (1, $1)
         ON CONFLICT (id) DO UPDATE SET timezone = excluded.timezone`,
          [timezone],
        );
      }
      await client.query('CREATE TEMP TABLE activity_batch (customer_id bigint PRIMARY KEY) ON COMMIT DROP');
      const batch = await client.query(
        `WITH taken AS (DELETE FROM activity_dirty RETURNING customer_id)
       INSERT INTO activity_batch SELECT DISTINCT customer_id FROM taken`,
      );
      const taken = batch.rowCount ?? 0;
      if (taken > 0) {
        await client.query('ANALYZE activity_batch');
        await client.query(UPSERT, [timezone]);
      }
      return taken;
    });
    return { customers, seconds: Number(process.hrtime.bigint() - started) / 1e9 };
  } finally {
    client.release();
  }
}
