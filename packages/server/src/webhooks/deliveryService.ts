import crypto from 'node:crypto';
import type { DELIVERY_STATUSES } from '@stratum/db';
import { events, webhookDeliveries, type Database, type Db } from '@stratum/db';
import { and, desc, eq, lt, type SQL } from 'drizzle-orm';
import type { Actor } from '../access/actor.js';
import { decodeCursor, encodeCursor, invalidCursor } from '../app/cursor.js';
import { writeAudit } from '../audit/auditWriter.js';
import { attemptsOf, type AttemptEntry } from './attemptLog.js';
import { postWebhook, type AttemptResult } from './sendWebhook.js';
import { webhookError } from './webhookErrors.js';
import { loadWebhook } from './webhookService.js';

export type DeliveryStatus = (typeof DELIVERY_STATUSES)[number];

export interface Delivery {
  id: number;
  webhookId: number;
  eventId: number;
  eventKind: string;
  status: DeliveryStatus;
  attempts: number;
  /** When the next attempt is due (pending deliveries only). */
  nextAttemptAt: Date | null;
  responseStatus: number | null;
  lastError: string | null;
  createdAt: Date;
  deliveredAt: Date | null;
  /** Every attempt, oldest first. */
  log: AttemptEntry[];
}

export interface DeliveryQuery {
  limit: number;
  cursor?: string | undefined;
  status?: DeliveryStatus | undefined;
}

const deliveryColumns = {
  id: webhookDeliveries.id,
  webhookId: webhookDeliveries.webhookId,
  eventId: webhookDeliveries.eventId,
  eventKind: events.kind,
  status: webhookDeliveries.status,
  attempts: webhookDeliveries.attempts,
  nextAttemptAt: webhookDeliveries.nextAttemptAt,
  responseStatus: webhookDeliveries.responseStatus,
  lastError: webhookDeliveries.lastError,
  createdAt: webhookDeliveries.createdAt,
  deliveredAt: webhookDeliveries.deliveredAt,
};

/** A webhook's delivery log, newest first (keyset by id), each delivery with its attempts. */
export async function listDeliveries(
  database: Database,
  webhookId: number,
  query: DeliveryQuery,
): Promise<{ items: Delivery[]; nextCursor: string | null }> {
  await loadWebhook(database.db, webhookId);
  const conditions: SQL[] = [eq(webhookDeliveries.webhookId, webhookId)];
  if (query.status !== undefined) conditions.push(eq(webhookDeliveries.status, query.status));
  if (query.cursor !== undefined) {
    const [after] = decodeCursor(query.cursor);
    if (typeof after !== 'number') throw invalidCursor();
    conditions.push(lt(webhookDeliveries.id, after));
  }
  const rows = await database.db
    .select(deliveryColumns)
    .from(webhookDeliveries)
    .innerJoin(events, eq(events.id, webhookDeliveries.eventId))
    .where(and(...conditions))
    .orderBy(desc(webhookDeliveries.id))
    .limit(query.limit + 1);
  const page = rows.slice(0, query.limit);
  const logs = await attemptsOf(
    database.pool,
    page.map((row) => row.id),
  );
  const last = page[page.length - 1];
  return {
    items: page.map((row) => present(row, logs.get(row.id) ?? [])),
    nextCursor: rows.length > query.limit && last ? encodeCursor([last.id]) : null,
  };
}

async function getDelivery(database: Database, webhookId: number, deliveryId: number): Promise<Delivery> {
  const [row] = await database.db
    .select(deliveryColumns)
    .from(webhookDeliveries)
    .innerJoin(events, eq(events.id, webhookDeliveries.eventId))
    .where(and(eq(webhookDeliveries.id, deliveryId), eq(webhookDeliveries.webhookId, webhookId)));
  if (!row) throw webhookError('DELIVERY_NOT_FOUND', `Webhook ${webhookId} has no delivery ${deliveryId}`);
  return present(row, (await attemptsOf(database.pool, [row.id])).get(row.id) ?? []);
}

/**
 * Sends a delivery again. A finished one (delivered or failed) gets a new delivery of the same event, due
 * now, with its own attempts and id (the old one stays in the log as it was); a pending one is made due
 * now, keeping its attempt count. The delivery loop sends it within its poll interval.
 */
export async function redeliver(
  database: Database,
  actor: Actor,
  webhookId: number,
  deliveryId: number,
): Promise<Delivery> {
  const original = await getDelivery(database, webhookId, deliveryId);
  const id = await database.db.transaction(async (tx) => {
    let target = original.id;
    if (original.status === 'pending') {
      await tx
        .update(webhookDeliveries)
        .set({ nextAttemptAt: new Date() })
        .where(eq(webhookDeliveries.id, original.id));
    } else {
      const [created] = await tx
        .insert(webhookDeliveries)
        .values({ webhookId, eventId: original.eventId })
        .returning({ id: webhookDeliveries.id });
      target = created!.id;
    }
    await writeAudit(tx, actor, {
      action: 'create',
      entity: 'webhook_redelivery',
      entityId: target,
      after: { webhookId, of: original.id, eventId: original.eventId },
    });
    return target;
  });
  return getDelivery(database, webhookId, id);
}

/**
 * Sends a `ping` to the webhook now and waits for the answer (signed like every delivery, so a receiver
 * can check its verification). Not a queued delivery: nothing is retried; the outcome is returned and
 * audited.
 */
export async function sendTestPing(
  db: Db,
  actor: Actor,
  webhookId: number,
): Promise<AttemptResult & { id: string }> {
  const webhook = await loadWebhook(db, webhookId);
  const id = `ping-${crypto.randomUUID()}`;
  const result = await postWebhook(webhook.url, webhook.secret, {
    deliveryId: id,
    payload: {
      id,
      kind: 'ping',
      createdAt: new Date().toISOString(),
      data: {
        webhookId,
        events: webhook.events,
        message: {
          zh: 'Stratum 测试消息：签名验证通过即表示配置正确。',
          en: 'Stratum test: if the signature verifies, you are set up.',
        },
      },
    },
  });
  await writeAudit(db, actor, {
    action: 'create',
    entity: 'webhook_test',
    entityId: webhookId,
    after: { id, ...result },
  });
  return { id, ...result };
}

function present(row: Omit<Delivery, 'log'>, log: AttemptEntry[]): Delivery {
  return { ...row, nextAttemptAt: row.status === 'pending' ? row.nextAttemptAt : null, log };
}
