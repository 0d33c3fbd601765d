import { z } from 'zod';
import { booleanQuery, idSchema, isoOut, listQuery } from '../app/schemas.js';
import type { NotificationRow } from './notificationService.js';

const labelSchema = z.object({ zh: z.string(), en: z.string() });

export const notificationSchema = z
  .object({
    id: z.number().int(),
    kind: z.string().describe('The event kind, e.g. override.decided, or grading.summary'),
    customerId: z.number().int().nullable(),
    eventId: z.number().int().nullable(),
    title: labelSchema.describe('zh and en, as stored: the UI shows the reader’s language'),
    body: labelSchema.nullable(),
    payload: z
      .record(z.string(), z.unknown())
      .nullable()
      .describe('The event’s data (e.g. overrideId, tier, expiresOn) for links; null without an event'),
    createdAt: z.string(),
    readAt: z.string().nullable(),
    read: z.boolean(),
  })
  .describe('Notification');

export function presentNotification(row: NotificationRow): z.infer<typeof notificationSchema> {
  return {
    id: row.id,
    kind: row.kind,
    customerId: row.customerId,
    eventId: row.eventId,
    title: row.title,
    body: row.body,
    payload: row.payload,
    createdAt: row.createdAt.toISOString(),
    readAt: isoOut(row.readAt),
    read: row.readAt !== null,
  };
}

export const notificationListQuery = listQuery.extend({
  unread: booleanQuery.optional().describe('true: only unread notifications'),
});

export const notificationParams = z.object({ notificationId: idSchema });

export const readAllBody = z
  .object({
    upToId: z
      .number()
      .int()
      .positive()
      .max(Number.MAX_SAFE_INTEGER)
      .optional()
      .describe('Only notifications up to this id (the newest the user has seen)'),
  })
  .strict()
  .optional();
