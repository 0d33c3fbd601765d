import type pg from 'pg';
import { inTransaction } from '@stratum/db';
import { queueWebhookDeliveries } from '../events/fanOut.js';
import type { RunChanges } from './runChanges.js';

export interface PublishInput {
  runId: number;
  modelId: number;
  modelKey: string;
  asOf: string;
  changes: RunChanges;
  summary: Record<string, unknown>;
}

/**
 * Makes a run's grades current in one short transaction: flip the model family's pointer, record the
 * run's events (tier changes, new high churn warnings, the run itself), a summary notification per
 * account manager concerned, and the webhook deliveries. A crash before COMMIT leaves the previous grades
 * current and no trace of this run's events.
 */
export async function publishRun(client: pg.PoolClient, input: PublishInput): Promise<void> {
  const { runId } = input;
  await inTransaction(client, async () => {
    await client.query('UPDATE grading_runs SET published_at = now() WHERE id = $1', [runId]);
    await client.query(
      `INSERT INTO grading_current (model_key, model_id, run_id, published_at) VALUES ($1, $2, $3, now())
       ON CONFLICT (model_key) DO UPDATE SET model_id = excluded.model_id, run_id = excluded.run_id, published_at = now()`,
      [input.modelKey, input.modelId, runId],
    );
    await client.query(
      `INSERT INTO events (kind, customer_id, run_id, payload)
       SELECT 'tier.changed', t.customer_id, t.run_id,
              jsonb_build_object('externalId', c.external_id, 'name', c.name, 'from', t.from_tier, 'to', t.to_tier,
                                 'fromScore', t.from_score, 'toScore', t.to_score, 'direction', t.direction,
                                 'reasons', t.reasons, 'asOf', $2::text)
       FROM tier_changes t JOIN customers c ON c.id = t.customer_id
       WHERE t.run_id = $1`,
      [runId, input.asOf],
    );
    const churn = input.changes.newHighChurn;
    if (churn.ids.length > 0) {
      await client.query(
        `INSERT INTO events (kind, customer_id, run_id, payload)
         SELECT 'churn.warning', w.id, $1, jsonb_build_object('externalId', c.external_id, 'name', c.name,
                'risk', w.risk, 'reasonFlags', w.flags, 'asOf', $5::text)
         FROM unnest($2::bigint[], $3::real[], $4::int[]) AS w(id, risk, flags) JOIN customers c ON c.id = w.id`,
        [runId, churn.ids, churn.risk, churn.flags, input.asOf],
      );
    }
    await client.query(`INSERT INTO events (kind, run_id, payload) VALUES ('run.succeeded', $1, $2)`, [
      runId,
      JSON.stringify(input.summary),
    ]);
    await notifyOwners(client, runId);
    await queueWebhookDeliveries(client, { runId });
  });
}

/** One notification per account manager whose customers moved tier or became high churn risk. */
async function notifyOwners(client: pg.PoolClient, runId: number): Promise<void> {
  await client.query(
    `INSERT INTO notifications (user_id, kind, title, body)
     SELECT c.owner_id, 'grading.summary',
       jsonb_build_object(
         'zh', format('分级批次 #%s 已发布', $1::bigint),
         'en', format('Grading run #%s published', $1::bigint)),
       jsonb_build_object(
         'zh', format('您名下 %s 位客户等级变化（升级 %s，降级 %s），%s 位出现高流失风险。',
                      count(*) FILTER (WHERE e.kind = 'tier.changed'),
                      count(*) FILTER (WHERE e.kind = 'tier.changed' AND (e.payload->>'direction')::int > 0),
                      count(*) FILTER (WHERE e.kind = 'tier.changed' AND (e.payload->>'direction')::int < 0),
                      count(*) FILTER (WHERE e.kind = 'churn.warning')),
         'en', format('%s of your customers changed tier (%s up, %s down); %s have a new high churn warning.',
                      count(*) FILTER (WHERE e.kind = 'tier.changed'),
                      count(*) FILTER (WHERE e.kind = 'tier.changed' AND (e.payload->>'direction')::int > 0),
                      count(*) FILTER (WHERE e.kind = 'tier.changed' AND (e.payload->>'direction')::int < 0),
                      count(*) FILTER (WHERE e.kind = 'churn.warning')))
     FROM events e JOIN customers c ON c.id = e.customer_id
     WHERE e.run_id = $1::bigint AND c.owner_id IS NOT NULL
     GROUP BY c.owner_id`,
    [runId],
  );
}
