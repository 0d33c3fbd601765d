import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SYSTEM_ACTOR } from '../access/actor.js';
import { createTestApp, type TestApp } from '../app/testApp.js';
import { createCustomer } from '../customers/customerService.js';
import { gradeInProcess } from '../grading/executeRun.js';
import { notifyUsers } from './notifyUsers.js';

/**
 * The in-app inbox: a published run that moves an owned customer's tier tells its owner (and nobody
 * else); listing, counting and marking read only ever touch the caller's own notifications.
 */
let t: TestApp;
let mover = 0;
let runId = 0;

const q = async <T extends Record<string, unknown>>(text: string, params: unknown[] = []) =>
  (await t.database.pool.query<T>(text, params)).rows;

interface NotificationBody {
  id: number;
  kind: string;
  title: { zh: string; en: string };
  body: { zh: string; en: string } | null;
  read: boolean;
  readAt: string | null;
}
type Page = { items: NotificationBody[]; nextCursor: string | null };

async function gradeNow(): Promise<number> {
  const [outcome] = await gradeInProcess({ database: t.database, timezone: 'UTC' });
  return outcome!.runId;
}

const note = (userId: string, en: string) =>
  notifyUsers(t.database.db, [userId], {
    eventId: null,
    kind: 'test.note',
    customerId: null,
    title: { zh: `提醒：${en}`, en },
    body: null,
  });

const unread = async (caller: 'manager' | 'otherManager') =>
  (await t.request(caller, 'GET', '/api/v1/notifications/unread-count')).json<{ unread: number }>().unread;

beforeAll(async () => {
  t = await createTestApp();
  const { db } = t.database;
  mover = (await createCustomer(db, SYSTEM_ACTOR, { name: '东方电气', ownerId: t.users.manager.id })).id;
  await createCustomer(db, SYSTEM_ACTOR, { name: '北方机械', ownerId: t.users.otherManager.id });
  await createCustomer(db, SYSTEM_ACTOR, { name: '南方港务', ownerId: t.users.otherManager.id });
  await q(`UPDATE customers SET created_at = now() - interval '2 years'`);
  await gradeNow();
  // A large order: the revenue rule lifts the customer to at least A in the next run.
  await q(
    `INSERT INTO orders (customer_id, external_id, ordered_at, amount) VALUES ($1, 'BIG-1', now() - interval '20 days', 2500000)`,
    [mover],
  );
  runId = await gradeNow();
});
afterAll(async () => t?.close());

describe('notifications', () => {
  it('a tier change of an owned customer notifies its owner only', async () => {
    const changes = await q<{ customer_id: string }>(
      'SELECT customer_id FROM tier_changes WHERE run_id = $1',
      [runId],
    );
    expect(changes.map((c) => Number(c.customer_id))).toEqual([mover]);
    const page = (await t.request('manager', 'GET', '/api/v1/notifications')).json<Page>();
    const summary = page.items.filter((n) => n.kind === 'grading.summary');
    expect(summary).toHaveLength(1);
    expect(summary[0]!.title).toEqual({
      zh: `分级批次 #${runId} 已发布`,
      en: `Grading run #${runId} published`,
    });
    expect(summary[0]!.body?.en).toMatch(/^1 of your customers changed tier \(1 up, 0 down\)/);
    expect(summary[0]!.body?.zh).toMatch(/您名下 1 位客户等级变化（升级 1，降级 0）/);
    expect(summary[0]!.read).toBe(false);
    const others = (await t.request('otherManager', 'GET', '/api/v1/notifications')).json<Page>();
    expect(others.items).toEqual([]);
  });

  it('lists, pages and counts the caller’s own notifications', async () => {
    await note(t.users.manager.id, 'first');
    await note(t.users.manager.id, 'second');
    await note(t.users.otherManager.id, 'not yours');
    expect(await unread('manager')).toBe(3);
    expect(await unread('otherManager')).toBe(1);
    const first = (await t.request('manager', 'GET', '/api/v1/notifications?limit=2')).json<Page>();
    expect(first.items.map((n) => n.title.en)).toEqual(['second', 'first']);
    expect(first.nextCursor).not.toBeNull();
    const rest = (
      await t.request(
        'manager',
        'GET',
        `/api/v1/notifications?limit=2&cursor=${encodeURIComponent(first.nextCursor!)}`,
      )
    ).json<Page>();
    expect(rest.items.map((n) => n.kind)).toEqual(['grading.summary']);
    expect(rest.nextCursor).toBeNull();
    const bad = await t.request('manager', 'GET', '/api/v1/notifications?cursor=garbage');
    expect(bad.statusCode).toBe(400);
  });

  it('marks one read for its owner only', async () => {
    const [mine] = (await t.request('manager', 'GET', '/api/v1/notifications?limit=1')).json<Page>().items;
    const [theirs] = (await t.request('otherManager', 'GET', '/api/v1/notifications')).json<Page>().items;
    const stolen = await t.request('manager', 'POST', `/api/v1/notifications/${theirs!.id}/read`);
    expect(stolen.statusCode).toBe(404);
    expect(stolen.json<{ error: { code: string } }>().error.code).toBe('NOTIFICATION_NOT_FOUND');
    expect(await unread('otherManager')).toBe(1);

    const read = await t.request('manager', 'POST', `/api/v1/notifications/${mine!.id}/read`);
    expect(read.statusCode).toBe(200);
    const body = read.json<NotificationBody>();
    expect(body).toMatchObject({ id: mine!.id, read: true });
    // Idempotent: reading again keeps the first read time.
    const again = (
      await t.request('manager', 'POST', `/api/v1/notifications/${mine!.id}/read`)
    ).json<NotificationBody>();
    expect(again.readAt).toBe(body.readAt);
    expect(await unread('manager')).toBe(2);
    const unreadOnly = (await t.request('manager', 'GET', '/api/v1/notifications?unread=true')).json<Page>();
    expect(unreadOnly.items.map((n) => n.id)).not.toContain(mine!.id);
    expect(unreadOnly.items).toHaveLength(2);
  });

  it('marks all read up to an id, and never another user’s', async () => {
    const [oldest] = (await t.request('manager', 'GET', '/api/v1/notifications?unread=true'))
      .json<Page>()
      .items.slice(-1);
    const upTo = await t.request('manager', 'POST', '/api/v1/notifications/read-all', { upToId: oldest!.id });
    expect(upTo.json()).toEqual({ updated: 1 });
    expect(await unread('manager')).toBe(1);
    await note(t.users.manager.id, 'late');
    const all = await t.request('manager', 'POST', '/api/v1/notifications/read-all', {});
    expect(all.json()).toEqual({ updated: 2 });
    expect(await unread('manager')).toBe(0);
    expect(await unread('otherManager')).toBe(1);
    const invalid = await t.request('manager', 'POST', '/api/v1/notifications/read-all', { upToId: -1 });
    expect(invalid.statusCode).toBe(400);
  });
});
