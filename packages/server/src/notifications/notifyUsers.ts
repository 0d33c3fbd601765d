import type { Label } from '@stratum/core';
import { notifications, users } from '@stratum/db';
import { and, eq, inArray } from 'drizzle-orm';
import type { Queryable } from '../app/transaction.js';

export interface NewNotification {
  /** The event it tells about (deleting the event deletes its notifications). */
  readonly eventId: number | null;
  /** Usually the event kind, e.g. 'override.decided'. */
  readonly kind: string;
  readonly customerId: number | null;
  readonly title: Label;
  readonly body: Label | null;
}

/**
 * Writes one in-app notification per recipient, in the caller's transaction so a notification exists
 * exactly when the change it tells about does. Duplicates, nulls and deactivated users are skipped: a
 * deactivated user cannot sign in to read it. Returns the users notified.
 */
export async function notifyUsers(
  tx: Queryable,
  recipients: readonly (string | null | undefined)[],
  notification: NewNotification,
): Promise<string[]> {
  const wanted = [...new Set(recipients.filter((id): id is string => typeof id === 'string' && id !== ''))];
  if (wanted.length === 0) return [];
  const active = await tx
    .select({ id: users.id })
    .from(users)
    .where(and(inArray(users.id, wanted), eq(users.active, true)));
  if (active.length === 0) return [];
  await tx.insert(notifications).values(
    active.map((user) => ({
      userId: user.id,
      eventId: notification.eventId,
      kind: notification.kind,
      customerId: notification.customerId,
      title: { zh: notification.title.zh, en: notification.title.en },
      body: notification.body ? { zh: notification.body.zh, en: notification.body.en } : null,
    })),
  );
  return active.map((user) => user.id);
}
