import type { Database } from '@stratum/db';
import type pg from 'pg';
import { recordAttempt, type AttemptOutcome } from './attemptLog.js';
import { DEFAULT_TIMEOUT_MS, postWebhook, type AttemptResult, type WebhookPayload } from './sendWebhook.js';

/**
 * Sends queued webhook deliveries (rows of webhook_deliveries, queued with their events by
 * events/fanOut.ts in the transaction that recorded the events).
 *
 * Several instances share the work: a pass claims due deliveries with `FOR UPDATE SKIP LOCKED` and, in
 * the same statement, counts the attempt and pushes next_attempt_at a lease ahead, so no transaction or
 * connection is held while the receivers answer. If the process dies mid-attempt, the lease expires and
 * another instance retries (deliveries are at least once; receivers deduplicate by the payload's id).
 * A result is written only if the delivery still carries the attempt number this pass claimed.
 *
 * 2xx → delivered. Anything else → retried after 1 min, 5 min, 30 min, 2 h, 6 h and 24 h (each ±20 %
 * random jitter, so a receiver that was down is not hit by every instance's backlog at the same moment),
 * then failed: 7 attempts over about 33 hours. Deliveries of an inactive webhook wait.
 */
export const RETRY_DELAYS_SECONDS: readonly number[] = [60, 300, 1800, 7200, 21_600, 86_400];
export const MAX_ATTEMPTS = RETRY_DELAYS_SECONDS.length + 1;
const JITTER = 0.2;
/** A claimed attempt must finish within this, or another instance may take the delivery again. */
const LEASE_SECONDS = 120;

export interface DeliveryOptions {
  /** Deliveries claimed per pass (default 50). */
  batchSize?: number;
  /** Requests in flight at once per pass (default 8). */
  concurrency?: number;
  timeoutMs?: number;
  log?: (message: string) => void;
  /** 0…1; jitter of the retry delays (tests pass a constant). */
  random?: () => number;
}

export interface DeliveryPass {
  claimed: number;
  delivered: number;
  retrying: number;
  failed: number;
}

/** Delay before the attempt after `attempt` failed (1-based), or null when it was the last one. */
export function retryDelaySeconds(attempt: number, random: () => number = Math.random): number | null {
  const base = RETRY_DELAYS_SECONDS[attempt - 1];
  if (base === undefined) return null;
  return Math.round(base * (1 - JITTER + 2 * JITTER * random()));
}

interface Claimed {
  id: number;
  attempt: number;
  url: string;
  secret: string;
  payload: WebhookPayload;
}

/** Event data sent to receivers: the event's own payload plus the customer and run it belongs to. */
export function payloadOf(event: {
  id: string | number;
  kind: string;
  created_at: Date;
  customer_id: string | number | null;
  run_id: string | number | null;
  payload: Record<string, unknown>;
}): WebhookPayload {
  return {
    id: String(event.id),
    kind: event.kind,
    createdAt: event.created_at.toISOString(),
    data: {
      ...(event.customer_id !== null ? { customerId: Number(event.customer_id) } : {}),
      ...(event.run_id !== null ? { runId: Number(event.run_id) } : {}),
      ...event.payload,
    },
  };
}

async function claimDue(pool: pg.Pool, limit: number): Promise<Claimed[]> {
  const { rows } = await pool.query<{
    id: string;
    attempts: number;
    url: string;
    secret: string;
    event_id: string;
    kind: string;
    created_at: Date;
    customer_id: string | null;
    run_id: string | null;
    payload: Record<string, unknown>;
  }>(
    `WITH due AS (
       SELECT d.id FROM webhook_deliveries d JOIN webhooks w ON w.id = d.webhook_id AND w.active
       WHERE d.status = 'pending' AND d.next_attempt_at <= now()
       ORDER BY d.next_attempt_at, d.id
       LIMIT $1
       FOR UPDATE OF d SKIP LOCKED
     ), claimed AS (
       UPDATE webhook_deliveries d SET attempts = d.attempts + 1, next_attempt_at = now() + make_interval(secs => $2)
       FROM due WHERE d.id = due.id
       RETURNING d.id, d.webhook_id, d.event_id, d.attempts
     )
     SELECT c.id, c.attempts, w.url, w.secret, e.id AS event_id, e.kind, e.created_at, e.customer_id, e.run_id, e.payload
     FROM claimed c JOIN webhooks w ON w.id = c.webhook_id JOIN events e ON e.id = c.event_id
     ORDER BY c.id`,
    [limit, LEASE_SECONDS],
  );
  return rows.map((row) => ({
    id: Number(row.id),
    attempt: row.attempts,
    url: row.url,
    secret: row.secret,
    payload: payloadOf({ ...row, id: row.event_id }),
  }));
}

async function settle(
  pool: pg.Pool,
  claimed: Claimed,
  result: AttemptResult,
  random: () => number,
): Promise<AttemptOutcome> {
  const delay = result.delivered ? null : retryDelaySeconds(claimed.attempt, random);
  const outcome: AttemptOutcome = result.delivered ? 'delivered' : delay === null ? 'failed' : 'retry';
  const status = outcome === 'retry' ? 'pending' : outcome;
  const { rows } = await pool.query<{ next_attempt_at: Date }>(
    `UPDATE webhook_deliveries
     SET status = $3, response_status = $4, last_error = $5,
         delivered_at = CASE WHEN $3 = 'delivered' THEN now() END,
         next_attempt_at = CASE WHEN $3 = 'pending' THEN now() + make_interval(secs => $6) ELSE next_attempt_at END
     WHERE id = $1 AND attempts = $2 AND status = 'pending'
     RETURNING next_attempt_at`,
    [claimed.id, claimed.attempt, status, result.responseStatus, result.error, delay ?? 0],
  );
  // No row: the delivery was taken again (lease expired, or redelivered) or deleted; its log still shows this attempt.
  await recordAttempt(
    pool,
    claimed.id,
    claimed.attempt,
    outcome,
    result,
    outcome === 'retry' ? (rows[0]?.next_attempt_at ?? null) : null,
  );
  return outcome;
}

/** One pass: claims up to `batchSize` due deliveries and attempts each once. */
export async function deliverDue(
  database: Pick<Database, 'pool'>,
  options: DeliveryOptions = {},
): Promise<DeliveryPass> {
  const random = options.random ?? Math.random;
  const claimed = await claimDue(database.pool, options.batchSize ?? 50);
  const pass: DeliveryPass = { claimed: claimed.length, delivered: 0, retrying: 0, failed: 0 };
  let next = 0;
  const lane = async () => {
    while (next < claimed.length) {
      const item = claimed[next++]!;
      const result = await postWebhook(
        item.url,
        item.secret,
        { deliveryId: String(item.id), payload: item.payload },
        options.timeoutMs ?? DEFAULT_TIMEOUT_MS,
      );
      const outcome = await settle(database.pool, item, result, random);
      if (outcome === 'delivered') pass.delivered++;
      else if (outcome === 'retry') pass.retrying++;
      else {
        pass.failed++;
        options.log?.(
          `webhook delivery ${item.id} (${item.payload.kind}) failed after ${item.attempt} attempts: ${result.error ?? ''}`,
        );
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(options.concurrency ?? 8, claimed.length) }, lane));
  return pass;
}

export interface WebhookDeliveryLoop {
  /** Runs a pass now (besides the loop's own). */
  deliverNow(): Promise<DeliveryPass>;
  /** Stops polling and waits for the attempts in flight. */
  stop(): Promise<void>;
}

/**
 * The delivery loop for `stratum serve` (run it in every instance; they share the work): a pass every
 * `pollIntervalMs` (default 5 s), at once again while passes come back full.
 */
export function startWebhookDelivery(
  database: Pick<Database, 'pool'>,
  options: DeliveryOptions & { pollIntervalMs?: number } = {},
): WebhookDeliveryLoop {
  const interval = options.pollIntervalMs ?? 5000;
  const batchSize = options.batchSize ?? 50;
  let stopped = false;
  let wake: (() => void) | undefined;
  let timer: NodeJS.Timeout | undefined;
  const sleep = () =>
    new Promise<void>((resolve) => {
      wake = resolve;
      timer = setTimeout(resolve, interval);
    });
  const loop = (async () => {
    while (!stopped) {
      let full = false;
      try {
        full = (await deliverDue(database, { ...options, batchSize })).claimed >= batchSize;
      } catch (error) {
        options.log?.(
          `webhook delivery pass failed: ${error instanceof Error ? error.message : String(error)}`,
        );
      }
      if (!full && !stopped) await sleep();
    }
  })();
  return {
    deliverNow: () => deliverDue(database, options),
    async stop() {
      stopped = true;
      if (timer) clearTimeout(timer);
      wake?.();
      await loop;
    },
  };
}
