import type pg from 'pg';
import type { AttemptResult } from './sendWebhook.js';

/**
 * The log of every delivery attempt (status, response code, error, duration).
 *
 * Interim storage: the schema has no attempts table yet, so each attempt is an append-only `audit_log`
 * row (actor 'system', action 'attempt', entity 'webhook_delivery', entity id = the delivery, details in
 * `after`), read back through the (entity, entity_id) index. Only this file knows that; a dedicated
 * `webhook_attempts` table (DDL in the hand-over note) replaces it without changing callers.
 */
export type AttemptOutcome = 'delivered' | 'retry' | 'failed';

export interface AttemptEntry {
  attempt: number;
  at: string;
  outcome: AttemptOutcome;
  responseStatus: number | null;
  error: string | null;
  durationMs: number;
  /** When the next attempt is due (retry only). */
  nextAttemptAt: string | null;
}

const ENTITY = 'webhook_delivery';

export async function recordAttempt(
  pool: pg.Pool,
  deliveryId: number,
  attempt: number,
  outcome: AttemptOutcome,
  result: AttemptResult,
  nextAttemptAt: Date | null,
): Promise<void> {
  const entry: AttemptEntry = {
    attempt,
    at: new Date().toISOString(),
    outcome,
    responseStatus: result.responseStatus,
    error: result.error,
    durationMs: result.durationMs,
    nextAttemptAt: nextAttemptAt?.toISOString() ?? null,
  };
  await pool.query(
    `INSERT INTO audit_log (actor_kind, action, entity, entity_id, after) VALUES ('system', 'attempt', $1, $2, $3)`,
    [ENTITY, String(deliveryId), JSON.stringify(entry)],
  );
}

/** The attempts of some deliveries, oldest first. */
export async function attemptsOf(
  pool: pg.Pool,
  deliveryIds: readonly number[],
): Promise<Map<number, AttemptEntry[]>> {
  const byDelivery = new Map<number, AttemptEntry[]>(deliveryIds.map((id) => [id, []]));
  if (deliveryIds.length === 0) return byDelivery;
  const { rows } = await pool.query<{ entity_id: string; after: AttemptEntry }>(
    `SELECT entity_id, after FROM audit_log
     WHERE entity = $1 AND entity_id = ANY($2::text[]) AND action = 'attempt'
     ORDER BY id`,
    [ENTITY, deliveryIds.map(String)],
  );
  for (const row of rows) byDelivery.get(Number(row.entity_id))?.push(row.after);
  return byDelivery;
}
