import { z } from 'zod';
import { standardErrorResponses } from '../app/errorResponse.js';
import { actorOf } from '../app/permissionGuard.js';
import type { Feature } from '../app/routeTypes.js';
import { pageSchema } from '../app/schemas.js';
import {
  notificationListQuery,
  notificationParams,
  notificationSchema,
  presentNotification,
  readAllBody,
} from './notificationSchemas.js';
import { countUnread, listNotifications, markAllRead, markRead } from './notificationService.js';

const tags = ['notifications'];

/**
 * The signed-in user's inbox. Every role holds 'customers:read' and notifications tell about customers
 * (tier changes, churn warnings, overrides), so that is the permission; which notifications is decided by
 * the caller's own user id inside each query.
 */
export const notificationsFeature: Feature = {
  name: 'notifications',
  register(app, { database }) {
    const { db } = database;

    app.get(
      '/notifications',
      {
        config: { permission: 'customers:read' },
        schema: {
          tags,
          summary: 'Your notifications, newest first (keyset pages)',
          querystring: notificationListQuery,
          response: { 200: pageSchema(notificationSchema), ...standardErrorResponses },
        },
      },
      async (request) => {
        const page = await listNotifications(db, actorOf(request), request.query);
        return { items: page.items.map(presentNotification), nextCursor: page.nextCursor };
      },
    );

    app.get(
      '/notifications/unread-count',
      {
        config: { permission: 'customers:read' },
        schema: {
          tags,
          summary: 'How many of your notifications are unread',
          response: { 200: z.object({ unread: z.number().int() }), ...standardErrorResponses },
        },
      },
      async (request) => ({ unread: await countUnread(db, actorOf(request)) }),
    );

    app.post(
      '/notifications/:notificationId/read',
      {
        config: { permission: 'customers:read' },
        schema: {
          tags,
          summary: 'Mark one of your notifications read',
          params: notificationParams,
          response: { 200: notificationSchema, ...standardErrorResponses },
        },
      },
      async (request) =>
        presentNotification(await markRead(db, actorOf(request), request.params.notificationId)),
    );

    app.post(
      '/notifications/read-all',
      {
        config: { permission: 'customers:read' },
        schema: {
          tags,
          summary: 'Mark all your unread notifications read (optionally only up to an id)',
          body: readAllBody,
          response: { 200: z.object({ updated: z.number().int() }), ...standardErrorResponses },
        },
      },
      async (request) => ({ updated: await markAllRead(db, actorOf(request), request.body?.upToId) }),
    );
  },
};
