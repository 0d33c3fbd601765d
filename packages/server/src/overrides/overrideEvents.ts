import { events, type EventKind } from '@stratum/db';
import { sql } from 'drizzle-orm';
import type pg from 'pg';
import type { Queryable } from '../app/transaction.js';
import { queueWebhookDeliveries } from '../events/fanOut.js';
import { notifyUsers } from '../notifications/notifyUsers.js';
import type { Message } from './overrideMessages.js';
import type { OverrideRecord } from './overrideStore.js';

type OverrideEventKind = Extract<EventKind, `override.${string}`>;

/**
 * Records one step of an override as an event, notifies its recipients and queues its webhook
 * deliveries — all in the caller's transaction, so the change, its event, notifications and deliveries
 * commit together or not at all.
 */
export async function recordOverrideEvent(
  tx: Queryable,
  kind: OverrideEventKind,
  override: OverrideRecord,
  extra: Record<string, unknown>,
  recipients: readonly (string | null)[],
  message: Message,
): Promise<number> {
  const [event] = await tx
    .insert(events)
    .values({
      kind,
      customerId: override.customerId,
      payload: {
        overrideId: override.id,
        externalId: override.customerExternalId,
        name: override.customerName,
        modelKey: override.modelKey,
        tier: override.tier,
        status: override.status,
        expiresOn: override.expiresOn,
        reason: override.reason,
        requestedBy: override.requestedBy,
        decidedBy: override.decidedBy,
        ...extra,
      },
    })
    .returning({ id: events.id });
  if (!event) throw new Error('event insert returned no row');
  await notifyUsers(tx, recipients, {
    eventId: event.id,
    kind,
    customerId: override.customerId,
    title: message.title,
    body: message.body,
  });
  await queueWebhookDeliveries(pgClientOn(tx), { ids: [event.id] });
  return event.id;
}

/**
 * pg's `client.query(text, params)` on a drizzle transaction, so the webhook fan-out (written for pg
 * clients) joins this transaction instead of being duplicated. Placeholders `$n` become bound parameters.
 */
function pgClientOn(tx: Queryable): pg.PoolClient {
  const query = (text: string, params: readonly unknown[] = []) =>
    tx.execute(
      sql.join(
        text
          .split(/\$(\d+)/)
          .map((part, i) => (i % 2 === 0 ? sql.raw(part) : sql`${sql.param(params[Number(part) - 1])}`)),
      ),
    );
  return { query } as unknown as pg.PoolClient;
}
