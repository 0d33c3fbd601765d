import { EVENT_KINDS, webhooks, type Db, type EventKind } from '@stratum/db';
import { asc, eq } from 'drizzle-orm';
import type { Actor } from '../access/actor.js';
import type { Queryable } from '../app/transaction.js';
import { writeAudit } from '../audit/auditWriter.js';
import { generateWebhookSecret } from './signature.js';
import { webhookError } from './webhookErrors.js';

/**
 * Webhook subscriptions (settings, admin only): a URL, the event kinds it receives, an active flag. The
 * signing secret is generated here and returned only by create and rotate; it is stored as is (the
 * sender needs it to sign) and never presented, audited or logged.
 */
export type WebhookRow = typeof webhooks.$inferSelect;
/** A webhook as the API shows it: everything but the secret. */
export type Webhook = Omit<WebhookRow, 'secret'>;

export interface NewWebhook {
  url: string;
  events: readonly EventKind[];
  active?: boolean | undefined;
  description?: string | null | undefined;
}

export type WebhookPatch = Partial<{
  url: string;
  events: readonly EventKind[];
  active: boolean;
  description: string | null;
}>;

export function withoutSecret(row: WebhookRow): Webhook {
  const { secret: _secret, ...rest } = row;
  return rest;
}

/** Event kinds deduplicated, in the catalogue's order. */
export function normaliseKinds(kinds: readonly EventKind[]): EventKind[] {
  return EVENT_KINDS.filter((kind) => kinds.includes(kind));
}

export async function createWebhook(
  db: Db,
  actor: Actor,
  input: NewWebhook,
): Promise<{ webhook: Webhook; secret: string }> {
  const secret = generateWebhookSecret();
  const row = await db.transaction(async (tx) => {
    const [inserted] = await tx
      .insert(webhooks)
      .values({
        url: input.url,
        secret,
        events: normaliseKinds(input.events),
        active: input.active ?? true,
        description: input.description ?? null,
        createdBy: actor.userId,
        updatedBy: actor.userId,
      })
      .returning();
    if (!inserted) throw new Error('insert returned no row');
    await writeAudit(tx, actor, {
      action: 'create',
      entity: 'webhook',
      entityId: inserted.id,
      after: forAudit(inserted),
    });
    return inserted;
  });
  return { webhook: withoutSecret(row), secret };
}

export async function listWebhooks(db: Queryable): Promise<Webhook[]> {
  return (await db.select().from(webhooks).orderBy(asc(webhooks.id))).map(withoutSecret);
}

export async function getWebhook(db: Queryable, id: number): Promise<Webhook> {
  return withoutSecret(await loadWebhook(db, id));
}

/** The whole row, secret included: for the sender only. */
export async function loadWebhook(db: Queryable, id: number): Promise<WebhookRow> {
  const [row] = await db.select().from(webhooks).where(eq(webhooks.id, id));
  if (!row) throw webhookError('WEBHOOK_NOT_FOUND', `Webhook ${id} does not exist`);
  return row;
}

/**
 * Changes a webhook. Deactivating pauses it: nothing new is queued for it, and its pending deliveries
 * wait (they go out when it is activated again, with the retry schedule they had).
 */
export async function updateWebhook(db: Db, actor: Actor, id: number, patch: WebhookPatch): Promise<Webhook> {
  return db.transaction(async (tx) => {
    const before = await loadWebhook(tx, id);
    const [after] = await tx
      .update(webhooks)
      .set({
        ...(patch.url !== undefined ? { url: patch.url } : {}),
        ...(patch.events !== undefined ? { events: normaliseKinds(patch.events) } : {}),
        ...(patch.active !== undefined ? { active: patch.active } : {}),
        ...(patch.description !== undefined ? { description: patch.description } : {}),
        updatedAt: new Date(),
        updatedBy: actor.userId,
      })
      .where(eq(webhooks.id, id))
      .returning();
    if (!after) throw webhookError('WEBHOOK_NOT_FOUND', `Webhook ${id} does not exist`);
    await writeAudit(tx, actor, {
      action: 'update',
      entity: 'webhook',
      entityId: id,
      before: forAudit(before),
      after: forAudit(after),
    });
    return withoutSecret(after);
  });
}

/** Deletes a webhook with its delivery log (pending deliveries are dropped). */
export async function deleteWebhook(db: Db, actor: Actor, id: number): Promise<void> {
  await db.transaction(async (tx) => {
    const before = await loadWebhook(tx, id);
    await tx.delete(webhooks).where(eq(webhooks.id, id));
    await writeAudit(tx, actor, {
      action: 'delete',
      entity: 'webhook',
      entityId: id,
      before: forAudit(before),
    });
  });
}

/**
 * Replaces the secret; the new one is returned once. Takes effect at once: an attempt from now on is
 * signed with the new secret, so update the receiver right after rotating (it may accept both meanwhile).
 */
export async function rotateWebhookSecret(
  db: Db,
  actor: Actor,
  id: number,
): Promise<{ webhook: Webhook; secret: string }> {
  const secret = generateWebhookSecret();
  const row = await db.transaction(async (tx) => {
    await loadWebhook(tx, id);
    const [after] = await tx
      .update(webhooks)
      .set({ secret, updatedAt: new Date(), updatedBy: actor.userId })
      .where(eq(webhooks.id, id))
      .returning();
    if (!after) throw webhookError('WEBHOOK_NOT_FOUND', `Webhook ${id} does not exist`);
    await writeAudit(tx, actor, {
      action: 'update',
      entity: 'webhook',
      entityId: id,
      after: { secretRotated: true },
    });
    return after;
  });
  return { webhook: withoutSecret(row), secret };
}

function forAudit(row: WebhookRow): Record<string, unknown> {
  return { url: row.url, events: row.events, active: row.active, description: row.description };
}
