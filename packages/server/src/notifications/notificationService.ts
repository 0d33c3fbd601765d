import { events, notifications } from '@stratum/db';
import { and, desc, eq, isNull, sql, type SQL } from 'drizzle-orm';
import type { Actor } from '../access/actor.js';
import { decodeCursor, encodeCursor, invalidCursor } from '../app/cursor.js';
import type { Queryable } from '../app/transaction.js';
import { notificationNotFound } from './notificationErrors.js';

/**
 * A user's own in-app notifications. Every query is keyed by the actor's user id inside the query, so
 * nobody can list, count or mark another user's notifications (someone else's id answers 404). An actor
 * without a user (the system) has none.
 */
export interface NotificationListQuery {
  limit: number;
  cursor?: string | undefined;
  /** Only unread ones. */
  unread?: boolean | undefined;
}

export interface NotificationRow {
  id: number;
  kind: string;
  customerId: number | null;
  eventId: number | null;
  title: { zh: string; en: string };
  body: { zh: string; en: string } | null;
  /** The event's payload (ids and figures the UI links to), null for a summary without an event. */
  payload: Record<string, unknown> | null;
  createdAt: Date;
  readAt: Date | null;
}

// The created_at text PostgreSQL prints round-trips exactly (microseconds included), unlike a JS Date.
const createdAtText = sql<string>`${notifications.createdAt}::text`;

const ownedBy = (actor: Actor): SQL => eq(notifications.userId, actor.userId ?? '');

const columns = {
  id: notifications.id,
  kind: notifications.kind,
  customerId: notifications.customerId,
  eventId: notifications.eventId,
  title: notifications.title,
  body: notifications.body,
  payload: events.payload,
  createdAt: notifications.createdAt,
  readAt: notifications.readAt,
};

export async function listNotifications(
  db: Queryable,
  actor: Actor,
  query: NotificationListQuery,
): Promise<{ items: NotificationRow[]; nextCursor: string | null }> {
  const conditions: SQL[] = [ownedBy(actor)];
  if (query.unread) conditions.push(isNull(notifications.readAt));
  if (query.cursor !== undefined) {
    const [createdAt, id] = decodeCursor(query.cursor);
    if (typeof createdAt !== 'string' || typeof id !== 'number') throw invalidCursor();
    // Newest first: the next page is strictly older in (created_at, id) order.
    conditions.push(
      sql`(${notifications.createdAt}, ${notifications.id}) < (${createdAt}::timestamptz, ${id})`,
    );
  }
  const rows = await db
    .select({ ...columns, cursorAt: createdAtText })
    .from(notifications)
    .leftJoin(events, eq(events.id, notifications.eventId))
    .where(and(...conditions))
    .orderBy(desc(notifications.createdAt), desc(notifications.id))
    .limit(query.limit + 1);
  const page = rows.slice(0, query.limit);
  const last = page.at(-1);
  return {
    items: page.map(({ cursorAt: _cursor, ...row }) => row),
    nextCursor: rows.length > query.limit && last ? encodeCursor([last.cursorAt, last.id]) : null,
  };
}

export async function countUnread(db: Queryable, actor: Actor): Promise<number> {
  const [row] = await db
    .select({ n: sql<number>`count(*)::int` })
    .from(notifications)
    .where(and(ownedBy(actor), isNull(notifications.readAt)));
  return row?.n ?? 0;
}

/** Marks one of the actor's notifications read (idempotent: the first read time is kept). */
export async function markRead(db: Queryable, actor: Actor, id: number): Promise<NotificationRow> {
  const [updated] = await db
    .update(notifications)
    .set({ readAt: sql`coalesce(${notifications.readAt}, now())` })
    .where(and(eq(notifications.id, id), ownedBy(actor)))
    .returning({ id: notifications.id });
  if (!updated) throw notificationNotFound(id);
  const [row] = await db
    .select(columns)
    .from(notifications)
    .leftJoin(events, eq(events.id, notifications.eventId))
    .where(and(eq(notifications.id, id), ownedBy(actor)));
  if (!row) throw notificationNotFound(id);
  return row;
}

/**
 * Marks all the actor's unread notifications read; with `upToId`, only those up to that id, so a
 * notification that arrived after the user loaded the list stays unread.
 */
export async function markAllRead(db: Queryable, actor: Actor, upToId?: number): Promise<number> {
  const conditions: SQL[] = [ownedBy(actor), isNull(notifications.readAt)];
  if (upToId !== undefined) conditions.push(sql`${notifications.id} <= ${upToId}`);
  const result = await db
    .update(notifications)
    .set({ readAt: sql`now()` })
    .where(and(...conditions));
  return result.rowCount ?? 0;
}
