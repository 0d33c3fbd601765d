import type pg from 'pg';

/**
 * Turns freshly recorded events into webhook deliveries (for every active webhook subscribed to the
 * event's kind). Runs in the transaction that recorded the events, so an event and its deliveries exist
 * together or not at all; the delivery worker sends them afterwards.
 */
export async function queueWebhookDeliveries(
  client: pg.PoolClient,
  eventIds: { runId: number } | { ids: number[] },
): Promise<number> {
  const where = 'runId' in eventIds ? 'e.run_id = $1' : 'e.id = ANY($1::bigint[])';
  const parameter = 'runId' in eventIds ? eventIds.runId : eventIds.ids;
  const result = await client.query(
    `INSERT INTO webhook_deliveries (webhook_id, event_id)
     SELECT w.id, e.id FROM events e JOIN webhooks w ON w.active AND e.kind = ANY(w.events)
     WHERE ${where}`,
    [parameter],
  );
  return result.rowCount ?? 0;
}
