import { expect } from 'vitest';
import type { CaseProvider } from '../app/authz/authzTypes.js';
import { notifyUsers } from './notifyUsers.js';

/**
 * Authorisation cases of the inbox. Every role may read its own notifications; marking one read addresses
 * the caller's own notification (someone else's answers 404, which the feature's own tests check).
 */
export const notificationAuthzCases: CaseProvider = {
  cases: (ctx) => {
    const { t, userOf } = ctx;
    const notifyCaller = async (userId: string): Promise<number> => {
      await notifyUsers(t.database.db, [userId], {
        eventId: null,
        kind: 'grading.summary',
        customerId: null,
        title: { zh: '授权矩阵测试', en: 'Authorisation fixture' },
        body: null,
      });
      const { rows } = await t.database.pool.query<{ id: string }>(
        'SELECT max(id) AS id FROM notifications WHERE user_id = $1',
        [userId],
      );
      return Number(rows[0]!.id);
    };
    return {
      'GET /api/v1/notifications': {
        permission: 'customers:read',
        build: async (caller) => {
          await notifyCaller(userOf(caller));
          return { url: '/api/v1/notifications' };
        },
        verify: (caller, body) => {
          const items = (body as { items: unknown[] }).items;
          expect(items.length, caller).toBeGreaterThan(0);
        },
      },
      'GET /api/v1/notifications/unread-count': {
        permission: 'customers:read',
        build: () => ({ url: '/api/v1/notifications/unread-count' }),
      },
      'POST /api/v1/notifications/:notificationId/read': {
        permission: 'customers:read',
        build: async (caller) => ({
          url: `/api/v1/notifications/${await notifyCaller(userOf(caller))}/read`,
        }),
      },
      'POST /api/v1/notifications/read-all': {
        permission: 'customers:read',
        build: () => ({ url: '/api/v1/notifications/read-all', body: {} }),
      },
    };
  },
};
